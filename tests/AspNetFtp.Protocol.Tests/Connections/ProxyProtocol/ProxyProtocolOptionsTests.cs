using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Tests.Connections.ProxyProtocol;

/// <summary><c>FtpServer:ProxyProtocol</c>: validated at start naming the full key, and bound and used by <c>AddFtpServer</c> alone.</summary>
public sealed class ProxyProtocolOptionsTests
{
    private static string SingleFailure(FtpServerOptions options)
    {
        ValidateOptionsResult result = new FtpServerOptionsValidator().Validate(null, options);
        Assert.True(result.Failed, "the options were accepted");
        return Assert.Single(result.Failures!);
    }

    [Fact]
    public void The_defaults_leave_the_proxy_protocol_off_and_accept_both_versions()
    {
        var options = new FtpServerOptions();

        Assert.Equal((false, true, false, "1,2"), (options.ProxyProtocol.Enabled, options.ProxyProtocol.Required, options.ProxyProtocol.AllowDirectClients, options.ProxyProtocol.Versions));
    }

    [Fact]
    public void Enabled_without_trusted_proxies_is_refused_naming_the_key()
    {
        var options = new FtpServerOptions { ProxyProtocol = { Enabled = true } };

        Assert.StartsWith("FtpServer:ProxyProtocol:TrustedProxies: ", SingleFailure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lb.example")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.1")]
    public void A_trusted_proxy_that_is_not_an_address_or_cidr_is_refused_naming_the_entry(string entry)
    {
        var options = new FtpServerOptions { ProxyProtocol = { Enabled = true, TrustedProxies = ["10.0.0.5", entry] } };

        Assert.Equal($"FtpServer:ProxyProtocol:TrustedProxies:1: '{entry}' is not an IP address or CIDR range", SingleFailure(options));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("1,,2")]
    public void Versions_other_than_1_2_or_both_are_refused_naming_the_key(string versions)
    {
        var options = new FtpServerOptions { ProxyProtocol = { Versions = versions } };

        Assert.StartsWith("FtpServer:ProxyProtocol:Versions: ", SingleFailure(options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFtpServer_reads_headers_when_the_configuration_enables_the_proxy_protocol()
    {
        using var home = new TempDirectory();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:ProxyProtocol:Enabled"] = "true",
            ["FtpServer:ProxyProtocol:TrustedProxies:0"] = "127.0.0.0/8",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFtpServer(configuration);
        services.AddSingleton<IFtpAuthenticator>(new TestAuthenticator(home.Path));
        await using ServiceProvider sp = services.BuildServiceProvider();
        FtpServer server = sp.GetRequiredService<FtpServer>();
        await server.StartAsync(CancellationToken.None);
        var client4 = new IPEndPoint(IPAddress.Parse("192.0.2.44"), 50000);

        await using RawFtpClient client = await RawFtpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Listeners[0].EndPoint.Port));
        await client.SendRawAsync(ProxyHeaders.V2(client4, new IPEndPoint(IPAddress.Loopback, 21)));
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);

        Assert.Equal(client4, Assert.Single(server.Sessions.List()).RemoteEndPoint);
        await server.StopAsync(CancellationToken.None);
    }
}
