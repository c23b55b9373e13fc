using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Defender.Addresses;

/// <summary>
/// An address or a CIDR range (<c>203.0.113.7</c>, <c>10.0.0.0/8</c>, <c>2001:db8::/64</c>), host bits cleared,
/// IPv4-mapped IPv6 as IPv4. Its text (<see cref="ToString"/>) is the one canonical form the ban store keys on.
/// </summary>
internal readonly record struct AddressRange(IPAddress Network, int PrefixLength)
{
    public bool IsSingleAddress => PrefixLength == FullLength(Network);

    /// <summary>Parses an address or CIDR written by an administrator; false for anything else (host names, scope ids, short IPv4 forms).</summary>
    public static bool TryParse(string? text, out AddressRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int slash = span.IndexOf('/');
        ReadOnlySpan<char> addressText = slash < 0 ? span : span[..slash];
        if (addressText.Contains('%') || (!addressText.Contains(':') && addressText.Count('.') != 3) || !IPAddress.TryParse(addressText, out IPAddress? address))
        {
            return false;
        }

        address = AddressComparer.Normalize(address);
        int full = FullLength(address);
        int prefix = full;
        if (slash >= 0 && (!int.TryParse(span[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > full))
        {
            return false;
        }

        range = new AddressRange(Mask(address, prefix), prefix);
        return true;
    }

    /// <summary>The range a client address counts as: itself (IPv4), or its IPv6 prefix of <paramref name="ipv6PrefixLength"/>.</summary>
    public static AddressRange ForClient(IPAddress address, int ipv6PrefixLength)
    {
        IPAddress normalized = AddressComparer.Normalize(address);
        int prefix = normalized.AddressFamily == AddressFamily.InterNetworkV6 ? Math.Clamp(ipv6PrefixLength, 0, 128) : 32;
        return new AddressRange(Mask(normalized, prefix), prefix);
    }

    public bool Contains(IPAddress address)
    {
        IPAddress normalized = AddressComparer.Normalize(address);
        if (normalized.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        return Mask(normalized, PrefixLength).Equals(Network);
    }

    public override string ToString() => IsSingleAddress
        ? Network.ToString()
        : string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    private static int FullLength(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        bytes = bytes[..length];
        int whole = prefix / 8;
        int bits = prefix % 8;
        if (whole < length && bits != 0)
        {
            bytes[whole] &= (byte)(0xFF << (8 - bits));
            whole++;
        }

        if (whole < length)
        {
            bytes[whole..].Clear();
        }

        // A new address without the scope id.
        return new IPAddress(bytes);
    }
}
