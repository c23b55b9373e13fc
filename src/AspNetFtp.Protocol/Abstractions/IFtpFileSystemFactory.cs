namespace AspNetFtp.Protocol.Abstractions;

/// <summary>Creates the file system a logged-in user sees (local disk by default, replaceable through DI).</summary>
public interface IFtpFileSystemFactory
{
    IFtpFileSystem Create(FtpUser user);
}
