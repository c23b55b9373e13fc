using System.Net;
using AspNetFtp.Protocol.Connections.ProxyProtocol;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Connections.ProxyProtocol;

/// <summary>The PROXY header parser: every valid v1 and v2 form read, every malformed one refused.</summary>
public sealed class ProxyHeaderParserTests
{
    private static readonly IPEndPoint Client4 = new(IPAddress.Parse("203.0.113.7"), 51234);
    private static readonly IPEndPoint Server4 = new(IPAddress.Parse("10.0.0.5"), 21);
    private static readonly IPEndPoint Client6 = new(IPAddress.Parse("2001:db8::7"), 40000);
    private static readonly IPEndPoint Server6 = new(IPAddress.Parse("2001:db8::1"), 990);

    private static ProxyParseStatus Parse(byte[] bytes, out ProxyHeader header, ProxyProtocolVersions versions = ProxyProtocolVersions.Both) =>
        ProxyHeaderParser.Parse(bytes, versions, out header, out _);

    private static ProxyHeader Complete(byte[] bytes)
    {
        Assert.Equal(ProxyParseStatus.Complete, Parse(bytes, out ProxyHeader header));
        return header;
    }

    [Fact]
    public void A_v1_tcp4_header_names_the_client_and_its_length()
    {
        byte[] bytes = ProxyHeaders.V1("PROXY TCP4 203.0.113.7 10.0.0.5 51234 21\r\n");

        ProxyHeader header = Complete(bytes);

        Assert.Equal((bytes.Length, 1, Client4, Server4), (header.Length, header.Version, header.Source, header.Destination));
    }

    [Fact]
    public void A_v1_tcp6_header_names_the_client()
    {
        ProxyHeader header = Complete(ProxyHeaders.V1("PROXY TCP6 2001:db8::7 2001:db8::1 40000 990\r\n"));

        Assert.Equal((Client6, Server6), (header.Source, header.Destination));
    }

    [Theory]
    [InlineData("PROXY UNKNOWN\r\n")]
    [InlineData("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n")]
    public void A_v1_unknown_header_keeps_the_peer(string line)
    {
        ProxyHeader header = Complete(ProxyHeaders.V1(line));

        Assert.True(header.KeepsPeer);
    }

    [Fact]
    public void A_v1_header_of_exactly_107_bytes_is_read()
    {
        string line = "PROXY UNKNOWN " + new string('a', 107 - 16) + "\r\n";

        Assert.Equal(107, Complete(ProxyHeaders.V1(line)).Length);
    }

    [Fact]
    public void A_v1_header_of_108_bytes_is_refused()
    {
        string line = "PROXY UNKNOWN " + new string('a', 108 - 16) + "\r\n";

        Assert.Equal(ProxyParseStatus.Invalid, Parse(ProxyHeaders.V1(line), out _));
    }

    [Fact]
    public void A_v1_header_stops_at_its_crlf_and_leaves_the_ftp_bytes_after_it()
    {
        byte[] header = ProxyHeaders.V1("PROXY TCP4 203.0.113.7 10.0.0.5 51234 21\r\n");
        byte[] withCommand = [.. header, .. "USER alice\r\n"u8];

        Assert.Equal(header.Length, Complete(withCommand).Length);
    }

    [Theory]
    [InlineData("PROXY TCP4 203.0.113.7  10.0.0.5 51234 21\r\n")] // two spaces
    [InlineData("PROXY  TCP4 203.0.113.7 10.0.0.5 51234 21\r\n")]
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 51234 21 \r\n")] // trailing space
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 65536 21\r\n")] // port above 65535
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 051234 21\r\n")] // leading zero
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 -1 21\r\n")]
    [InlineData("PROXY TCP4 203.0.113.07 10.0.0.5 51234 21\r\n")] // leading zero in an octet
    [InlineData("PROXY TCP4 203.0.113 10.0.0.5 51234 21\r\n")] // short IPv4 form
    [InlineData("PROXY TCP4 203.0.113.256 10.0.0.5 51234 21\r\n")]
    [InlineData("PROXY TCP4 2001:db8::7 10.0.0.5 51234 21\r\n")] // family mismatch
    [InlineData("PROXY TCP6 203.0.113.7 2001:db8::1 51234 21\r\n")] // family mismatch
    [InlineData("PROXY TCP6 fe80::1%1 2001:db8::1 51234 21\r\n")] // scope id
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 51234\r\n")] // a field missing
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 51234 21 22\r\n")] // a field too many
    [InlineData("PROXY UDP4 203.0.113.7 10.0.0.5 51234 21\r\n")]
    [InlineData("PROXY tcp4 203.0.113.7 10.0.0.5 51234 21\r\n")]
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 51234 21\n")] // LF without CR
    [InlineData("PROXY TCP4 203.0.113.7 10.0.0.5 51234 21\rX")] // CR without LF
    [InlineData("PROXY TCP4 203.0.113.7\t10.0.0.5 51234 21\r\n")]
    [InlineData("proxy TCP4 203.0.113.7 10.0.0.5 51234 21\r\n")]
    [InlineData("USER alice\r\n")]
    public void A_malformed_v1_header_is_refused(string line)
    {
        Assert.Equal(ProxyParseStatus.Invalid, Parse(ProxyHeaders.V1(line), out _));
    }

    [Fact]
    public void A_v1_header_without_crlf_within_107_bytes_is_refused()
    {
        byte[] bytes = ProxyHeaders.V1("PROXY UNKNOWN " + new string('a', 120));

        Assert.Equal(ProxyParseStatus.Invalid, Parse(bytes, out _));
    }

    [Fact]
    public void A_v1_header_cut_short_asks_for_more_without_asking_past_the_shortest_header()
    {
        byte[] bytes = ProxyHeaders.V1("PROXY TCP4 ");

        Assert.Equal(ProxyParseStatus.NeedMore, ProxyHeaderParser.Parse(bytes, ProxyProtocolVersions.Both, out _, out int needed));

        Assert.Equal("PROXY TCP4 0.0.0.0 0.0.0.0 0 0\r\n".Length - bytes.Length, needed);
    }

    [Fact]
    public void A_v2_ipv4_header_names_the_client_and_its_length()
    {
        byte[] bytes = ProxyHeaders.V2(Client4, Server4);

        ProxyHeader header = Complete(bytes);

        Assert.Equal((16 + 12, 2, Client4, Server4), (header.Length, header.Version, header.Source, header.Destination));
    }

    [Fact]
    public void A_v2_ipv6_header_names_the_client()
    {
        ProxyHeader header = Complete(ProxyHeaders.V2(Client6, Server6));

        Assert.Equal((16 + 36, Client6, Server6), (header.Length, header.Source, header.Destination));
    }

    [Fact]
    public void A_v2_header_skips_its_tlvs()
    {
        byte[] bytes = ProxyHeaders.V2(Client4, Server4, tlvBytes: 40);

        ProxyHeader header = Complete([.. bytes, .. "USER alice\r\n"u8]);

        Assert.Equal((bytes.Length, Client4), (header.Length, header.Source));
    }

    [Fact]
    public void A_v2_local_header_keeps_the_peer()
    {
        ProxyHeader header = Complete(ProxyHeaders.V2Local());

        Assert.Equal((16, true), (header.Length, header.KeepsPeer));
    }

    [Fact]
    public void A_v2_proxy_header_of_the_unspec_family_keeps_the_peer()
    {
        Assert.True(Complete(ProxyHeaders.V2Raw(0x21, 0x00, [])).KeepsPeer);
    }

    [Fact]
    public void A_v2_header_with_a_bad_signature_is_refused()
    {
        byte[] bytes = ProxyHeaders.V2(Client4, Server4);
        bytes[7] = (byte)'q';

        Assert.Equal(ProxyParseStatus.Invalid, Parse(bytes, out _));
    }

    [Theory]
    [InlineData(0x11)] // version 1 in a v2 header
    [InlineData(0x31)] // version 3
    [InlineData(0x22)] // an unknown command
    public void A_v2_header_with_another_version_or_command_is_refused(byte versionAndCommand)
    {
        byte[] bytes = ProxyHeaders.V2(Client4, Server4);
        bytes[12] = versionAndCommand;

        Assert.Equal(ProxyParseStatus.Invalid, Parse(bytes, out _));
    }

    [Theory]
    [InlineData(0x31)] // UNIX stream
    [InlineData(0x32)] // UNIX datagram
    [InlineData(0x12)] // UDP over IPv4
    [InlineData(0x22)] // UDP over IPv6
    [InlineData(0x41)] // no such family
    public void A_v2_proxy_header_of_a_family_other_than_tcp_is_refused(byte family)
    {
        Assert.Equal(ProxyParseStatus.Invalid, Parse(ProxyHeaders.V2Raw(0x21, family, new byte[216]), out _));
    }

    [Fact]
    public void A_v2_header_longer_than_1_kib_after_the_fixed_part_is_refused()
    {
        Assert.Equal(ProxyParseStatus.Complete, Parse(ProxyHeaders.V2(Client4, Server4, tlvBytes: ProxyHeaderParser.V2MaxPayloadLength - 12), out _));

        Assert.Equal(ProxyParseStatus.Invalid, Parse(ProxyHeaders.V2(Client4, Server4, tlvBytes: ProxyHeaderParser.V2MaxPayloadLength - 11), out _));
    }

    [Fact]
    public void A_v2_address_block_shorter_than_its_family_is_refused()
    {
        Assert.Equal(ProxyParseStatus.Invalid, Parse(ProxyHeaders.V2Raw(0x21, 0x21, new byte[12]), out _));
    }

    [Fact]
    public void A_truncated_v2_header_asks_for_exactly_the_bytes_its_length_names()
    {
        byte[] bytes = ProxyHeaders.V2(Client4, Server4, tlvBytes: 20);

        Assert.Equal(ProxyParseStatus.NeedMore, ProxyHeaderParser.Parse(bytes.AsSpan(0, 20), ProxyProtocolVersions.Both, out _, out int needed));

        Assert.Equal(bytes.Length - 20, needed);
    }

    [Fact]
    public void A_version_the_settings_do_not_accept_is_refused()
    {
        Assert.Equal(ProxyParseStatus.Invalid, Parse(ProxyHeaders.V2(Client4, Server4), out _, ProxyProtocolVersions.V1));
        Assert.Equal(ProxyParseStatus.Invalid, Parse(ProxyHeaders.V1(Client4, Server4), out _, ProxyProtocolVersions.V2));
    }

    [Fact]
    public void Nothing_yet_asks_for_the_shortest_header_of_either_version()
    {
        Assert.Equal(ProxyParseStatus.NeedMore, ProxyHeaderParser.Parse([], ProxyProtocolVersions.Both, out _, out int needed));

        Assert.Equal(ProxyHeaderParser.MinHeaderLength, needed);
    }
}
