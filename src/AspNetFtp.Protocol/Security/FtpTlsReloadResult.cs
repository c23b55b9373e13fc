namespace AspNetFtp.Protocol.Security;

/// <summary>What one look at the certificate files found.</summary>
public enum FtpTlsReloadResult
{
    /// <summary>The files hold what was read last time: nothing to do, nothing to report.</summary>
    Unchanged,

    /// <summary>A new certificate and its matching key are now used for new handshakes.</summary>
    Reloaded,

    /// <summary>The files changed but do not hold a usable pair; the current one stays.</summary>
    Failed,
}
