using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage;

/// <summary>Gives each user a <see cref="LocalFileSystem"/> rooted at their home, creating the home on first login.</summary>
public sealed class LocalFileSystemFactory(FtpUploadMode uploadMode = FtpUploadMode.Atomic) : IFtpFileSystemFactory
{
    /// <summary>How the file systems this factory creates write uploads, unless the user has an upload mode of its own.</summary>
    public FtpUploadMode UploadMode => uploadMode;

    /// <summary>Everything <see cref="LocalFileSystem"/> supports, sendfile included.</summary>
    public FtpFileSystemCapabilities Capabilities => LocalFileSystem.SupportedCapabilities;

    /// <summary>
    /// Creates the user's home directory if missing and returns a <see cref="LocalFileSystem"/> rooted there, writing
    /// uploads in the user's own <see cref="FtpUser.UploadMode"/> (its group's) or else this factory's.
    /// </summary>
    public IFtpFileSystem Create(FtpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Directory.CreateDirectory(user.HomeDirectory);
        return new LocalFileSystem(user.HomeDirectory, user.UploadMode ?? uploadMode);
    }
}
