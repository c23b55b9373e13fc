using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// The arguments of PORT (RFC 959 §4.1.2: <c>h1,h2,h3,h4,p1,p2</c>) and EPRT (RFC 2428 §2: <c>|proto|address|port|</c>)
/// as an address and a port from 1 to 65535. Whether that address may be used (FTP bounce) is the caller's check.
/// </summary>
internal static class ActiveAddressParser
{
    public static bool TryParsePort(string argument, [NotNullWhen(true)] out IPEndPoint? target)
    {
        target = null;
        string[] parts = argument.Trim().Split(',');
        if (parts.Length != 6)
        {
            return false;
        }

        var bytes = new byte[6];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!byte.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        int port = (bytes[4] << 8) | bytes[5];
        if (port == 0)
        {
            return false;
        }

        target = new IPEndPoint(new IPAddress(bytes.AsSpan(0, 4)), port);
        return true;
    }

    public static EprtParseResult TryParseEprt(string argument, out IPEndPoint? target)
    {
        target = null;
        string arg = argument.Trim();
        if (arg.Length < 7)
        {
            return EprtParseResult.Syntax;
        }

        string[] fields = arg.Split(arg[0]);
        if (fields.Length != 5 || fields[0].Length != 0 || fields[4].Length != 0)
        {
            return EprtParseResult.Syntax;
        }

        AddressFamily? family = fields[1] switch
        {
            "1" => AddressFamily.InterNetwork,
            "2" => AddressFamily.InterNetworkV6,
            _ => null,
        };
        if (family is null)
        {
            return EprtParseResult.UnsupportedProtocol;
        }

        if (!IsPlainAddress(fields[2], family.Value) || !IPAddress.TryParse(fields[2], out IPAddress? address) || address.AddressFamily != family
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            return EprtParseResult.Syntax;
        }

        target = new IPEndPoint(address, port);
        return EprtParseResult.Ok;
    }

    /// <summary>
    /// IPv4 as four decimal numbers without leading zeros (not <c>127.1</c>, <c>2130706433</c> or <c>0x7f.0.0.1</c>,
    /// which the system parser also takes); IPv6 as hex groups, colons and an optional dotted tail (no brackets, no zone).
    /// </summary>
    private static bool IsPlainAddress(string text, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            return IPAddress.TryParse(text, out IPAddress? v4) && v4.AddressFamily == family && v4.ToString() == text;
        }

        return text.Length > 0 && text.AsSpan().IndexOfAnyExcept(PlainIPv6Characters) < 0;
    }

    private static readonly SearchValues<char> PlainIPv6Characters = SearchValues.Create("0123456789abcdefABCDEF:.");
}
