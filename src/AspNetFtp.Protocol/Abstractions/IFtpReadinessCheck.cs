namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// A check of something the FTP server needs besides its ports (such as the account tables), registered with
/// <c>FtpServerBuilder.AddReadinessCheck&lt;T&gt;()</c>. It runs once when the server starts, after the ports are
/// bound and the <c>ListenersBound</c> step ran and before the first client is accepted, and again whenever the
/// FTP health check is asked.
/// </summary>
public interface IFtpReadinessCheck
{
    /// <summary>Whether what this check covers is ready; never throws for the condition it checks.</summary>
    Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken);
}
