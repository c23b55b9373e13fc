namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// A ban of a client address, an IPv6 prefix (as <c>Limits:Ipv6PrefixLength</c> counts clients) or a CIDR range:
/// connections from it are refused with 421 at accept until <see cref="Expires"/>.
/// </summary>
/// <param name="Address">Canonical text: <c>203.0.113.7</c>, <c>2001:db8:1:2::/64</c>, <c>198.51.100.0/24</c>.</param>
/// <param name="Reason">Why (the defender's score reasons, or the administrator's words).</param>
/// <param name="Created">When the ban was made.</param>
/// <param name="Expires">When it ends; null = until lifted.</param>
/// <param name="Offences">Bans of this address so far, this one included (the ban time grows with it).</param>
/// <param name="CreatedBy">Null when the defender made it, else the administrator's or CLI user's name.</param>
public sealed record FtpAddressBan(string Address, string Reason, DateTimeOffset Created, DateTimeOffset? Expires, int Offences, string? CreatedBy)
{
    /// <summary>Whether the ban is in force at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => Expires is not { } end || end > now;
}
