using System.Net;

namespace AspNetFtp.Protocol.Data;

/// <summary>Compares addresses with IPv4-mapped IPv6 addresses treated as their IPv4 form.</summary>
internal static class AddressComparer
{
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static bool Same(IPAddress a, IPAddress b) => Normalize(a).Equals(Normalize(b));
}
