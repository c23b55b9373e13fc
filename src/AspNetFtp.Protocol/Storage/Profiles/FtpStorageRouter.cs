using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage.Profiles;

/// <summary>
/// The file-system factory the server uses: a user whose group or account names a storage profile gets that profile's
/// file system, every other user the default storage's. FEAT before login describes the default storage.
/// </summary>
internal sealed class FtpStorageRouter(IFtpFileSystemFactory defaultStorage, FtpStorageProfiles profiles) : IFtpFileSystemFactory
{
    public FtpFileSystemCapabilities Capabilities => defaultStorage.Capabilities;

    public IFtpFileSystem Create(FtpUser user) => profiles.CreateFileSystem(user, defaultStorage);
}
