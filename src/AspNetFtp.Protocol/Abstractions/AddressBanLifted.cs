namespace AspNetFtp.Protocol.Abstractions;

/// <summary>An administrator lifted the ban of <see cref="Address"/> before it ended (expiry raises no event).</summary>
public sealed record AddressBanLifted(DateTimeOffset Timestamp, string Address) : FtpEvent(Timestamp)
{
    /// <summary>Who lifted it (the administrator's or CLI user's name); null when not known.</summary>
    public string? LiftedBy { get; init; }
}
