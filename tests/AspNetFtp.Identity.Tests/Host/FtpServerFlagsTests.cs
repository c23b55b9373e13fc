using System.CommandLine;
using AspNetFtp.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Identity.Tests.Host;

/// <summary>The <c>ftpserver</c> flags and the configuration keys they set (the same keys appsettings.json and FtpServer__X use).</summary>
public sealed class FtpServerFlagsTests
{
    private static (bool Mapped, Dictionary<string, string?> Keys, string? Error) Map(params string[] arguments)
    {
        var flags = new FtpServerFlags();
        var command = new RootCommand();
        flags.AddTo(command);
        ParseResult parse = command.Parse(arguments);
        Assert.Empty(parse.Errors);
        bool mapped = flags.TryMap(parse, out Dictionary<string, string?> keys, out string? error);
        return (mapped, keys, error);
    }

    [Fact]
    public void Every_flag_sets_its_own_configuration_key()
    {
        (bool mapped, Dictionary<string, string?> keys, _) = Map(
            "[::1]:2121", "--passive-ports", "30000-30100", "--masquerade-address", "203.0.113.7", "--certfile", "c.pem", "--keyfile", "k.pem",
            "--implicit-port", "990", "--timeout", "60", "--sendfile", "false", "--daemonize", "--pidfile", "p.pid", "--logfile", "l.log",
            "--file-access-user", "ftp");

        Assert.True(mapped);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["FtpServer:Host"] = "::1",
                ["FtpServer:Port"] = "2121",
                ["FtpServer:DataChannel:PassivePorts"] = "30000-30100",
                ["FtpServer:DataChannel:MasqueradeAddress"] = "203.0.113.7",
                ["FtpServer:Tls:CertificateFile"] = "c.pem",
                ["FtpServer:Tls:KeyFile"] = "k.pem",
                ["FtpServer:ImplicitTlsPort"] = "990",
                ["FtpServer:Timeouts:Idle"] = "00:01:00",
                ["FtpServer:UseSendfile"] = "false",
                ["FtpServer:Daemonize"] = "true",
                ["FtpServer:PidFile"] = "p.pid",
                ["FtpServer:LogFile"] = "l.log",
                ["FtpServer:FileAccessUser"] = "ftp",
            },
            keys.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public void Proxy_protocol_from_enables_the_proxy_protocol_and_lists_each_trusted_proxy()
    {
        (bool mapped, Dictionary<string, string?> keys, _) = Map("--proxy-protocol-from", "10.0.0.0/24, 10.0.1.5");

        Assert.True(mapped);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["FtpServer:ProxyProtocol:Enabled"] = "true",
                ["FtpServer:ProxyProtocol:TrustedProxies:0"] = "10.0.0.0/24",
                ["FtpServer:ProxyProtocol:TrustedProxies:1"] = "10.0.1.5",
            },
            keys.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public void No_flags_set_no_keys_so_the_configuration_stands() =>
        Assert.Empty(Map().Keys);

    [Fact]
    public void A_bare_sendfile_flag_turns_sendfile_on() =>
        Assert.Equal("true", Map("--sendfile").Keys["FtpServer:UseSendfile"]);

    [Theory]
    [InlineData("2121")]
    [InlineData(":2121")]
    public void A_port_alone_keeps_the_configured_host(string endpoint)
    {
        // The flags are the last configuration layer: a key they set to null would hide FtpServer__Host=127.0.0.1
        // and the server would listen on every interface (the default 0.0.0.0).
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FtpServer:Host"] = "127.0.0.1", ["FtpServer:Port"] = "21" })
            .AddInMemoryCollection(Map(endpoint).Keys)
            .Build();

        Assert.Equal(("127.0.0.1", "2121"), (configuration["FtpServer:Host"], configuration["FtpServer:Port"]));
    }

    [Fact]
    public void A_host_name_other_than_localhost_is_refused_in_one_line()
    {
        (bool mapped, _, string? error) = Map("ftp.example.com:21");

        Assert.False(mapped);
        Assert.Equal("host:port 'ftp.example.com:21' is not an address and port (such as 127.0.0.1:2121)", error);
    }
}
