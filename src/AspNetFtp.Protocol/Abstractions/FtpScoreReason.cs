namespace AspNetFtp.Protocol.Abstractions;

/// <summary>What earned a client address points with the defender (<c>FtpServer:Defender</c>); each has its weight.</summary>
public enum FtpScoreReason
{
    /// <summary>PASS refused (wrong password, unknown or locked account).</summary>
    FailedLogin,

    /// <summary>A protocol error or a command refused by the common checks (unknown verb, bad syntax, not logged in, FTP bounce).</summary>
    CommandError,

    /// <summary>A control connection that ended without a successful login.</summary>
    ConnectionWithoutLogin,

    /// <summary>A connection to a passive data port from an address other than the session's (port stealing).</summary>
    RefusedDataConnection,
}
