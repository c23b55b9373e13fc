using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage;

/// <summary>Gives each user a <see cref="LocalFileSystem"/> rooted at their home, creating the home on first login.</summary>
public sealed class LocalFileSystemFactory(FtpUploadMode uploadMode = FtpUploadMode.Atomic) : IFtpFileSystemFactory
{
    /// <summary>How every file system this factory creates writes uploads.</summary>
    public FtpUploadMode UploadMode => uploadMode;

    /// <summary>Everything <see cref="LocalFileSystem"/> supports, sendfile included.</summary>
    public FtpFileSystemCapabilities Capabilities => LocalFileSystem.SupportedCapabilities;

    /// <summary>Creates the user's home directory if missing and returns a <see cref="LocalFileSystem"/> rooted there.</summary>
    public IFtpFileSystem Create(FtpUser user)
    {
        Directory.CreateDirectory(user.HomeDirectory);
        return new LocalFileSystem(user.HomeDirectory, uploadMode);
    }
}
