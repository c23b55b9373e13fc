namespace AspNetFtp.Protocol.Abstractions;

/// <summary>Creates the file system a logged-in user sees (local disk by default, replaceable through DI).</summary>
public interface IFtpFileSystemFactory
{
    /// <summary>
    /// What every file system this factory creates supports: FEAT announces only these before login, and the
    /// command table refuses a verb whose capability is missing.
    /// </summary>
    FtpFileSystemCapabilities Capabilities { get; }

    /// <summary>The file system of <paramref name="user"/>, rooted at its home; called once per login.</summary>
    /// <param name="user">The logged-in user.</param>
    IFtpFileSystem Create(FtpUser user);
}
