using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>PROXY protocol headers as a balancer writes them, built from the specification's layout.</summary>
internal static class ProxyHeaders
{
    public static readonly byte[] V2Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public static byte[] V1(string line) => Encoding.ASCII.GetBytes(line);

    /// <summary><c>PROXY TCP4|TCP6 src dst sport dport\r\n</c> for the family of <paramref name="source"/>.</summary>
    public static byte[] V1(IPEndPoint source, IPEndPoint destination) =>
        V1($"PROXY {(source.AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6")} {source.Address} {destination.Address} {source.Port} {destination.Port}\r\n");

    /// <summary>A v2 PROXY header over TCP with <paramref name="tlvBytes"/> bytes of TLVs after the addresses.</summary>
    public static byte[] V2(IPEndPoint source, IPEndPoint destination, int tlvBytes = 0)
    {
        byte[] src = source.Address.GetAddressBytes();
        byte[] dst = destination.Address.GetAddressBytes();
        byte[] payload = new byte[src.Length + dst.Length + 4 + tlvBytes];
        src.CopyTo(payload, 0);
        dst.CopyTo(payload, src.Length);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2 * src.Length), (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan((2 * src.Length) + 2), (ushort)destination.Port);
        if (tlvBytes >= 3)
        {
            // One NOOP TLV filling the room: type 0x04, length, zero bytes.
            int at = (2 * src.Length) + 4;
            payload[at] = 0x04;
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(at + 1), (ushort)(tlvBytes - 3));
        }

        return V2Raw(0x21, source.AddressFamily == AddressFamily.InterNetwork ? (byte)0x11 : (byte)0x21, payload);
    }

    /// <summary>A v2 LOCAL header (a balancer's own health check), no addresses.</summary>
    public static byte[] V2Local() => V2Raw(0x20, 0x00, []);

    /// <summary>Any v2 header: signature, the version-and-command byte, the family byte, the length, the payload.</summary>
    public static byte[] V2Raw(byte versionAndCommand, byte family, byte[] payload, int? declaredLength = null)
    {
        byte[] header = new byte[16 + payload.Length];
        V2Signature.CopyTo(header, 0);
        header[12] = versionAndCommand;
        header[13] = family;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)(declaredLength ?? payload.Length));
        payload.CopyTo(header, 16);
        return header;
    }
}
