namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// One named storage profile: makes the file system of each user whose group or account names it, and checks that
/// its store can be reached. Disposed when the server's services are.
/// </summary>
public interface IFtpStorageProfile : IFtpFileSystemFactory, IAsyncDisposable
{
    /// <summary>
    /// Reaches the store with the profile's credentials (the bucket or container exists and answers): ready, or the
    /// problem in words naming what to fix. Never throws for the condition it checks.
    /// </summary>
    Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken);
}
