using System.Net;
using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Tests.Data;

public sealed class ActiveAddressParserTests
{
    [Fact]
    public void Port_refuses_port_zero() =>
        Assert.False(ActiveAddressParser.TryParsePort("127,0,0,1,0,0", out _));

    [Fact]
    public void Port_reads_the_address_and_the_port_from_six_bytes()
    {
        Assert.True(ActiveAddressParser.TryParsePort(" 127, 0,0,1,4,1 ", out IPEndPoint? target));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 1025), target);
    }

    [Theory]
    [InlineData("|1|127.1|2000|")]
    [InlineData("|1|2130706433|2000|")]
    [InlineData("|1|0x7f.0.0.1|2000|")]
    [InlineData("|1|127.000.000.001|2000|")]
    [InlineData("|2|fe80::1%1|2000|")]
    [InlineData("|2|[::1]|2000|")]
    public void Eprt_refuses_an_address_that_is_not_in_its_plain_form(string argument) =>
        Assert.Equal(EprtParseResult.Syntax, ActiveAddressParser.TryParseEprt(argument, out _));

    [Theory]
    [InlineData("|1|127.0.0.1|2000|", "127.0.0.1")]
    [InlineData("|2|::1|2000|", "::1")]
    [InlineData("|2|::ffff:127.0.0.1|2000|", "::ffff:127.0.0.1")]
    public void Eprt_reads_a_plain_address_and_its_port(string argument, string address)
    {
        Assert.Equal(EprtParseResult.Ok, ActiveAddressParser.TryParseEprt(argument, out IPEndPoint? target));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), 2000), target);
    }
}
