namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The FTP server could not start: a failed <see cref="Abstractions.IFtpReadinessCheck"/>, or a port that cannot be
/// bound (<see cref="FtpListenerBindException"/>). Thrown by <see cref="FtpServer.StartAsync"/> when
/// <c>FtpServer:StopApplicationOnStartFailure</c> is on (the default); otherwise logged and kept in
/// <see cref="FtpServer.StartProblem"/>. The message says what failed and what to do.
/// </summary>
public class FtpStartupException : Exception
{
    /// <summary>A failed start, described by <paramref name="message"/>.</summary>
    public FtpStartupException(string message)
        : base(message)
    {
    }

    /// <summary>A failed start, described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public FtpStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
