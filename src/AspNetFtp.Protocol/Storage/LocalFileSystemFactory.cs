using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage;

/// <summary>Gives each user a <see cref="LocalFileSystem"/> rooted at their home, creating the home on first login.</summary>
public sealed class LocalFileSystemFactory : IFtpFileSystemFactory
{
    public FtpFileSystemCapabilities Capabilities => LocalFileSystem.SupportedCapabilities;

    public IFtpFileSystem Create(FtpUser user)
    {
        Directory.CreateDirectory(user.HomeDirectory);
        return new LocalFileSystem(user.HomeDirectory);
    }
}
