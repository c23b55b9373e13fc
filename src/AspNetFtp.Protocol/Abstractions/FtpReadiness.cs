namespace AspNetFtp.Protocol.Abstractions;

/// <summary>The outcome of an <see cref="IFtpReadinessCheck"/>: its status and, unless ready, the problem in words that say what to do.</summary>
public sealed record FtpReadiness(FtpReadinessStatus Status, string? Problem)
{
    /// <summary>Everything the check covers is there.</summary>
    public static FtpReadiness Ready { get; } = new(FtpReadinessStatus.Ready, null);

    /// <summary>Not reachable now; the start goes on with a warning.</summary>
    public static FtpReadiness Unavailable(string problem) => new(FtpReadinessStatus.Unavailable, problem);

    /// <summary>Missing or wrong until someone acts; the start fails (see <c>FtpServer:StopApplicationOnStartFailure</c>).</summary>
    public static FtpReadiness Broken(string problem) => new(FtpReadinessStatus.Broken, problem);
}
