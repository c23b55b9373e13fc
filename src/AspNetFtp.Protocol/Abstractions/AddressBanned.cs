namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// An address was banned: by the defender (its score passed <c>Defender:Threshold</c>; <see cref="Ban"/>'s
/// <c>CreatedBy</c> is null) or by an administrator.
/// </summary>
public sealed record AddressBanned(DateTimeOffset Timestamp, FtpAddressBan Ban) : FtpEvent(Timestamp);
