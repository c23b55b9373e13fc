namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// The defender gave <see cref="Address"/> (an address, or the IPv6 prefix it counts as) <see cref="Points"/> for
/// <see cref="Reason"/>; <see cref="Score"/> is its total within <c>Defender:ObservationWindow</c>.
/// </summary>
public sealed record AddressScored(DateTimeOffset Timestamp, string Address, FtpScoreReason Reason, int Points, int Score) : FtpEvent(Timestamp);
