using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>
/// The PROXY protocol header (versions 1 and 2, as HAProxy's specification describes them), read strictly from the
/// start of a span. A pure function: it never reads a byte past the header, and while the header is not whole it
/// says how many more bytes certainly belong to it, so a reader asks the socket for exactly those and nothing of
/// the FTP or TLS bytes after the header is taken.
/// </summary>
/// <remarks>
/// Version 1: <c>PROXY TCP4|TCP6 source destination sourceport destinationport\r\n</c> or <c>PROXY UNKNOWN …\r\n</c>,
/// at most 107 bytes with the CRLF, single spaces, printable ASCII, IPv4 as four decimal octets without leading
/// zeros, IPv6 in any form .NET reads (no scope id), ports 0-65535 in decimal without leading zeros.
/// Version 2: the 12-byte signature, version 2, command LOCAL (keeps the peer, whatever the family) or PROXY with
/// the family INET or INET6 over STREAM, or UNSPEC (keeps the peer); UNIX and DGRAM are refused. The address block
/// and TLVs together may be at most <see cref="V2MaxPayloadLength"/> bytes; TLVs are skipped unread.
/// </remarks>
internal static class ProxyHeaderParser
{
    /// <summary>The longest version 1 header, CRLF included.</summary>
    public const int V1MaxLength = 107;

    /// <summary>The fixed part of a version 2 header: signature, version and command, family, length.</summary>
    public const int V2FixedLength = 16;

    /// <summary>
    /// The most bytes of addresses and TLVs a version 2 header may carry: 1 KiB, room for the addresses, an
    /// authority, a unique id (at most 128 bytes) and the TLS TLVs a balancer adds; a longer header is refused.
    /// </summary>
    public const int V2MaxPayloadLength = 1024;

    /// <summary>The longest header of either version: the most a reader ever needs to hold.</summary>
    public const int MaxHeaderLength = V2FixedLength + V2MaxPayloadLength;

    /// <summary>The shortest header of either version (<c>PROXY UNKNOWN\r\n</c>): what a reader may ask for first.</summary>
    public const int MinHeaderLength = 15;

    private const byte V2CommandLocal = 0x20;
    private const byte V2CommandProxy = 0x21;
    private const byte V2Unspecified = 0x00;
    private const byte V2TcpOverIpv4 = 0x11;
    private const byte V2TcpOverIpv6 = 0x21;
    private const int V2Ipv4AddressLength = 12;
    private const int V2Ipv6AddressLength = 36;

    private static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static ReadOnlySpan<byte> V1Prefix => "PROXY "u8;

    /// <summary>
    /// Reads the header that starts <paramref name="data"/>. <see cref="ProxyParseStatus.NeedMore"/> sets
    /// <paramref name="needed"/> to the bytes to read next (at least 1, never past the header's end);
    /// <see cref="ProxyParseStatus.Complete"/> sets <paramref name="header"/>, whose length may be less than the span's.
    /// </summary>
    public static ProxyParseStatus Parse(ReadOnlySpan<byte> data, ProxyProtocolVersions versions, out ProxyHeader header, out int needed)
    {
        header = default;
        needed = 0;
        if (data.IsEmpty)
        {
            needed = MinHeaderLength;
            return versions == ProxyProtocolVersions.None ? ProxyParseStatus.Invalid : ProxyParseStatus.NeedMore;
        }

        return data[0] switch
        {
            (byte)'P' when versions.HasFlag(ProxyProtocolVersions.V1) => ParseV1(data, out header, out needed),
            0x0D when versions.HasFlag(ProxyProtocolVersions.V2) => ParseV2(data, out header, out needed),
            _ => ProxyParseStatus.Invalid,
        };
    }

    private static ProxyParseStatus ParseV1(ReadOnlySpan<byte> data, out ProxyHeader header, out int needed)
    {
        header = default;
        needed = 0;
        ReadOnlySpan<byte> window = data[..Math.Min(data.Length, V1MaxLength)];
        int prefix = Math.Min(window.Length, V1Prefix.Length);
        if (!window[..prefix].SequenceEqual(V1Prefix[..prefix]))
        {
            return ProxyParseStatus.Invalid;
        }

        int end = window.IndexOf((byte)'\r');
        if (end < 0 || end == window.Length - 1)
        {
            // No CR yet, or a CR last: the rest may still come, if every byte so far is printable.
            ReadOnlySpan<byte> text = end < 0 ? window : window[..end];
            if (text.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0 || window.Length >= V1MaxLength)
            {
                return ProxyParseStatus.Invalid;
            }

            needed = end < 0 ? Math.Max(1, V1ShortestFor(window) - window.Length) : 1;
            return ProxyParseStatus.NeedMore;
        }

        if (window[end + 1] != (byte)'\n')
        {
            return ProxyParseStatus.Invalid;
        }

        ReadOnlySpan<byte> line = window[V1Prefix.Length..end];
        if (line.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            return ProxyParseStatus.Invalid;
        }

        int length = end + 2;
        if (line.SequenceEqual("UNKNOWN"u8) || line.StartsWith("UNKNOWN "u8))
        {
            // The receiver ignores whatever follows UNKNOWN and keeps the connection's own addresses.
            header = new ProxyHeader(length, 1, null, null);
            return ProxyParseStatus.Complete;
        }

        AddressFamily family;
        if (line.StartsWith("TCP4 "u8))
        {
            family = AddressFamily.InterNetwork;
        }
        else if (line.StartsWith("TCP6 "u8))
        {
            family = AddressFamily.InterNetworkV6;
        }
        else
        {
            return ProxyParseStatus.Invalid;
        }

        ReadOnlySpan<byte> fields = line[5..];
        if (!NextField(ref fields, out ReadOnlySpan<byte> sourceText)
            || !NextField(ref fields, out ReadOnlySpan<byte> destinationText)
            || !NextField(ref fields, out ReadOnlySpan<byte> sourcePortText)
            || !LastField(fields, out ReadOnlySpan<byte> destinationPortText)
            || !TryParseAddress(sourceText, family, out IPAddress? source)
            || !TryParseAddress(destinationText, family, out IPAddress? destination)
            || !TryParseDecimal(sourcePortText, 65535, out int sourcePort)
            || !TryParseDecimal(destinationPortText, 65535, out int destinationPort))
        {
            return ProxyParseStatus.Invalid;
        }

        header = new ProxyHeader(length, 1, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort));
        return ProxyParseStatus.Complete;
    }

    /// <summary>The shortest whole v1 header that starts as <paramref name="start"/> does: what may be read at once.</summary>
    private static int V1ShortestFor(ReadOnlySpan<byte> start) =>
        start.StartsWith("PROXY TCP4 "u8) ? "PROXY TCP4 0.0.0.0 0.0.0.0 0 0\r\n".Length
        : start.StartsWith("PROXY TCP6 "u8) ? "PROXY TCP6 :: :: 0 0\r\n".Length
        : MinHeaderLength;

    /// <summary>Takes the field up to the next single space; false for an empty field (two spaces) or no space.</summary>
    private static bool NextField(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        int space = rest.IndexOf((byte)' ');
        field = space < 0 ? default : rest[..space];
        if (space <= 0)
        {
            return false;
        }

        rest = rest[(space + 1)..];
        return true;
    }

    private static bool LastField(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        field = rest;
        return !rest.IsEmpty && !rest.Contains((byte)' ');
    }

    private static bool TryParseAddress(ReadOnlySpan<byte> text, AddressFamily family, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> octets = stackalloc byte[4];
            for (int i = 0; i < 4; i++)
            {
                int dot = text.IndexOf((byte)'.');
                ReadOnlySpan<byte> part = i < 3 ? (dot < 0 ? default : text[..dot]) : text;
                if ((i < 3 && dot < 0) || !TryParseDecimal(part, 255, out int octet))
                {
                    return false;
                }

                octets[i] = (byte)octet;
                text = i < 3 ? text[(dot + 1)..] : default;
            }

            address = new IPAddress(octets);
            return true;
        }

        // IPv6 text: hex digits, colons and an embedded dotted IPv4; never a scope id.
        if (text.Length is < 2 or > 45 || text.IndexOfAnyExcept("0123456789abcdefABCDEF:."u8) >= 0)
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return IPAddress.TryParse(chars, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>A decimal number of at most <paramref name="max"/>, without sign or leading zeros.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<byte> text, int max, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 5 || (text[0] == (byte)'0' && text.Length > 1))
        {
            return false;
        }

        foreach (byte digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return value <= max;
    }

    private static ProxyParseStatus ParseV2(ReadOnlySpan<byte> data, out ProxyHeader header, out int needed)
    {
        header = default;
        needed = 0;
        int signature = Math.Min(data.Length, V2Signature.Length);
        if (!data[..signature].SequenceEqual(V2Signature[..signature]))
        {
            return ProxyParseStatus.Invalid;
        }

        if (data.Length > V2Signature.Length && data[12] != V2CommandLocal && data[12] != V2CommandProxy)
        {
            // Version 2 in the high nibble, LOCAL or PROXY in the low one; anything else is refused.
            return ProxyParseStatus.Invalid;
        }

        if (data.Length < V2FixedLength)
        {
            needed = V2FixedLength - data.Length;
            return ProxyParseStatus.NeedMore;
        }

        byte command = data[12];
        byte family = data[13];
        int payload = BinaryPrimitives.ReadUInt16BigEndian(data[14..16]);
        if (payload > V2MaxPayloadLength)
        {
            return ProxyParseStatus.Invalid;
        }

        if (command == V2CommandProxy && family != V2Unspecified
            && (family is not (V2TcpOverIpv4 or V2TcpOverIpv6)
                || payload < (family == V2TcpOverIpv4 ? V2Ipv4AddressLength : V2Ipv6AddressLength)))
        {
            // UNIX sockets, datagrams, unknown families, or an address block shorter than its family's.
            return ProxyParseStatus.Invalid;
        }

        int length = V2FixedLength + payload;
        if (data.Length < length)
        {
            needed = length - data.Length;
            return ProxyParseStatus.NeedMore;
        }

        if (command == V2CommandLocal || family == V2Unspecified)
        {
            header = new ProxyHeader(length, 2, null, null);
            return ProxyParseStatus.Complete;
        }

        ReadOnlySpan<byte> addresses = data[V2FixedLength..length];
        int size = family == V2TcpOverIpv4 ? 4 : 16;
        var source = new IPAddress(addresses[..size]);
        var destination = new IPAddress(addresses[size..(2 * size)]);
        int sourcePort = BinaryPrimitives.ReadUInt16BigEndian(addresses[(2 * size)..]);
        int destinationPort = BinaryPrimitives.ReadUInt16BigEndian(addresses[((2 * size) + 2)..]);
        header = new ProxyHeader(length, 2, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort));
        return ProxyParseStatus.Complete;
    }
}
