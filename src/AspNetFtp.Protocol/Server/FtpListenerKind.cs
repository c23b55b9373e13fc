namespace AspNetFtp.Protocol.Server;

/// <summary>What a listening socket serves.</summary>
public enum FtpListenerKind
{
    /// <summary>Plain FTP, with explicit FTPS through AUTH TLS when a certificate is configured.</summary>
    Ftp,
    /// <summary>Implicit FTPS: TLS from the first byte.</summary>
    ImplicitFtps,
}
