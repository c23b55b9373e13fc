namespace AspNetFtp.Protocol.Connections;

/// <summary>
/// Thrown by a connection preamble to refuse a connection with a reason for the log (the connection is closed
/// without a reply), where returning false would leave the reason unsaid.
/// </summary>
public sealed class FtpPreambleRefusedException : Exception
{
    /// <summary>A refusal with a reason for the log line.</summary>
    public FtpPreambleRefusedException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    /// <summary>A refusal without a reason of its own.</summary>
    public FtpPreambleRefusedException()
        : this("connection preamble refused")
    {
    }

    /// <summary>A refusal with a reason and its cause.</summary>
    public FtpPreambleRefusedException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the connection was refused: one short phrase, as the log line shows it.</summary>
    public string Reason { get; } = "connection preamble refused";

    /// <summary>
    /// The peer closed before sending one byte: a TCP health check, not a broken client. Logged at Debug, not as a
    /// refusal at Information, so a balancer's checks do not flood the log.
    /// </summary>
    internal bool ClosedWithoutSending { get; init; }
}
