using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// What a client address counts as under <see cref="FtpLimitOptions.MaxConnectionsPerIp"/>: an IPv4 address
/// (IPv4-mapped IPv6 included) as itself, an IPv6 address as its prefix of the configured length.
/// </summary>
internal static class ConnectionLimitKey
{
    public static IPAddress For(IPAddress address, int ipv6PrefixLength)
    {
        IPAddress normalized = AddressComparer.Normalize(address);
        if (normalized.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return normalized;
        }

        int prefix = Math.Clamp(ipv6PrefixLength, 0, 128);
        Span<byte> bytes = stackalloc byte[16];
        normalized.TryWriteBytes(bytes, out _);
        int whole = prefix / 8;
        int bits = prefix % 8;
        if (bits != 0)
        {
            bytes[whole] &= (byte)(0xFF << (8 - bits));
            whole++;
        }

        bytes[whole..].Clear();
        // A new address without the scope id: the same prefix on two interfaces counts once.
        return new IPAddress(bytes);
    }
}
