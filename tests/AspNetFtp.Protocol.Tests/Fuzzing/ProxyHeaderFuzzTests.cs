using System.Net;
using AspNetFtp.Protocol.Connections.ProxyProtocol;
using AspNetFtp.Protocol.Tests.Infrastructure;
using CsCheck;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>
/// The PROXY header parser against random and mutated bytes: it only ever answers Complete, NeedMore or Invalid,
/// never reads past a header, and reads back every valid header it is given.
/// </summary>
public sealed class ProxyHeaderFuzzTests
{
    /// <summary>Random addresses and ports, and short ones (0.0.0.0, ::, one-digit ports) that make the shortest headers.</summary>
    private static readonly Gen<IPEndPoint> Ipv4 = Gen.Select(Gen.OneOf(Gen.Byte.Array[4], Gen.Byte[0, 9].Array[4]), Gen.OneOf(Gen.Int[0, 65535], Gen.Int[0, 9]))
        .Select((a, p) => new IPEndPoint(new IPAddress(a), p));

    private static readonly Gen<IPEndPoint> Ipv6 = Gen.Select(Gen.OneOf(Gen.Byte.Array[16], Gen.Const(new byte[16]), Gen.Byte[0, 1].Array[16]), Gen.OneOf(Gen.Int[0, 65535], Gen.Int[0, 9]))
        .Select((a, p) => new IPEndPoint(new IPAddress(a), p));

    /// <summary>A valid header of either version and family, with its source.</summary>
    private static readonly Gen<(byte[] Header, IPEndPoint Source)> ValidHeader = Gen.OneOf(
        Gen.Select(Ipv4, Ipv4).Select((s, d) => (ProxyHeaders.V1(s, d), s)),
        Gen.Select(Ipv6, Ipv6).Select((s, d) => (ProxyHeaders.V1(s, d), s)),
        Gen.Select(Ipv4, Ipv4, Gen.Int[0, 1012]).Select((s, d, tlv) => (ProxyHeaders.V2(s, d, tlv is 1 or 2 ? 0 : tlv), s)),
        Gen.Select(Ipv6, Ipv6, Gen.Int[0, 988]).Select((s, d, tlv) => (ProxyHeaders.V2(s, d, tlv is 1 or 2 ? 0 : tlv), s)));

    /// <summary>Bytes that look like a header's start, mutated, or plain random.</summary>
    private static readonly Gen<byte[]> HostileHeader = Gen.OneOf(
        FuzzGen.HostileBytes,
        Gen.Select(ValidHeader, Gen.Int[0, 2000], Gen.Byte).Select((v, at, b) =>
        {
            byte[] bytes = [.. v.Header];
            bytes[at % bytes.Length] = b;
            return bytes;
        }),
        Gen.Select(ValidHeader, Gen.Int[0, 2000]).Select((v, cut) => v.Header[..(cut % (v.Header.Length + 1))]),
        Gen.Select(Gen.OneOf(Gen.Const("PROXY "u8.ToArray()), Gen.Const(ProxyHeaders.V2Signature)), FuzzGen.HostileBytes).Select((p, r) => (byte[])[.. p, .. r]));

    /// <summary>
    /// Feeds the parser the way the reader does, growing the bytes by exactly what it asks for; returns the status
    /// reached and the bytes it held then.
    /// </summary>
    private static (ProxyParseStatus Status, ProxyHeader Header, int Held) Drive(byte[] stream)
    {
        int have = 0;
        while (true)
        {
            ProxyParseStatus status = ProxyHeaderParser.Parse(stream.AsSpan(0, have), ProxyProtocolVersions.Both, out ProxyHeader header, out int needed);
            if (status != ProxyParseStatus.NeedMore)
            {
                return (status, header, have);
            }

            Assert.InRange(needed, 1, ProxyHeaderParser.MaxHeaderLength - have);
            if (have + needed > stream.Length)
            {
                return (status, header, have);
            }

            have += needed;
        }
    }

    [Fact]
    public void The_parser_answers_every_input_with_a_status_and_never_throws() =>
        FuzzRun.Sample("PROXY header parser", HostileHeader, bytes =>
        {
            ProxyParseStatus status = ProxyHeaderParser.Parse(bytes, ProxyProtocolVersions.Both, out ProxyHeader header, out int needed);

            Assert.True(Enum.IsDefined(status));
            if (status == ProxyParseStatus.Complete)
            {
                Assert.InRange(header.Length, ProxyHeaderParser.MinHeaderLength, Math.Min(bytes.Length, ProxyHeaderParser.MaxHeaderLength));
            }
            else if (status == ProxyParseStatus.NeedMore)
            {
                Assert.InRange(needed, 1, ProxyHeaderParser.MaxHeaderLength - bytes.Length);
            }
        }, Convert.ToHexString);

    [Fact]
    public void Reading_as_the_parser_asks_never_takes_a_byte_past_the_header() =>
        FuzzRun.Sample("PROXY header parser (exact read)", Gen.Select(ValidHeader, FuzzGen.HostileBytes), t =>
        {
            ((byte[] header, _), byte[] after) = t;

            (ProxyParseStatus status, ProxyHeader read, int held) = Drive([.. header, .. after]);

            Assert.Equal(ProxyParseStatus.Complete, status);
            Assert.Equal(header.Length, read.Length);
            Assert.Equal(header.Length, held);
        }, t => Convert.ToHexString(t.Item1.Header) + "|" + Convert.ToHexString(t.Item2));

    [Fact]
    public void Hostile_bytes_read_as_the_parser_asks_never_grow_past_the_longest_header() =>
        FuzzRun.Sample("PROXY header parser (hostile exact read)", HostileHeader, bytes =>
        {
            (ProxyParseStatus status, ProxyHeader header, int held) = Drive(bytes);

            Assert.InRange(held, 0, ProxyHeaderParser.MaxHeaderLength);
            if (status == ProxyParseStatus.Complete)
            {
                Assert.Equal(held, header.Length);
            }
        }, Convert.ToHexString);

    [Fact]
    public void A_generated_valid_header_reads_back_its_source() =>
        FuzzRun.Sample("PROXY header parser (round trip)", ValidHeader, v =>
        {
            Assert.Equal(ProxyParseStatus.Complete, ProxyHeaderParser.Parse(v.Header, ProxyProtocolVersions.Both, out ProxyHeader header, out _));

            Assert.Equal((v.Header.Length, v.Source), (header.Length, header.Source));
        }, v => Convert.ToHexString(v.Header));
}
