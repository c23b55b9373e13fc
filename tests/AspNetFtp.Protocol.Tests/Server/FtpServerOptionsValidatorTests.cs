using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Tests.Server;

public sealed class FtpServerOptionsValidatorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ValidateOptionsResult Validate(FtpServerOptions options) =>
        new FtpServerOptionsValidator().Validate(null, options);

    private static string SingleFailure(FtpServerOptions options)
    {
        ValidateOptionsResult result = Validate(options);
        Assert.True(result.Failed, "the options were accepted");
        return Assert.Single(result.Failures!);
    }

    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(Validate(new FtpServerOptions()).Succeeded);

    [Fact]
    public void The_default_upload_mode_is_atomic() =>
        Assert.Equal(Abstractions.FtpUploadMode.Atomic, new FtpServerOptions().UploadMode);

    [Fact]
    public void An_upload_mode_outside_the_enum_is_refused_naming_the_setting() =>
        Assert.Equal("FtpServer:UploadMode: must be Standard, Atomic or AtomicResume",
            SingleFailure(new FtpServerOptions { UploadMode = (Abstractions.FtpUploadMode)7 }));

    [Theory]
    [InlineData("abc")]
    [InlineData("0-5")]
    [InlineData("70000")]
    [InlineData("10-5")]
    [InlineData("100,,200")]
    public void Bad_passive_ports_are_refused_naming_the_setting(string ports) =>
        Assert.StartsWith("FtpServer:DataChannel:PassivePorts:", SingleFailure(new FtpServerOptions { DataChannel = { PassivePorts = ports } }), StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    [InlineData(-64)]
    public void An_ipv6_prefix_length_outside_1_to_128_is_refused_naming_the_setting(int prefix) =>
        Assert.StartsWith("FtpServer:Limits:Ipv6PrefixLength:",
            SingleFailure(new FtpServerOptions { Limits = { Ipv6PrefixLength = prefix } }), StringComparison.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(56)]
    [InlineData(128)]
    public void An_ipv6_prefix_length_from_1_to_128_is_accepted(int prefix) =>
        Assert.True(Validate(new FtpServerOptions { Limits = { Ipv6PrefixLength = prefix } }).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void An_event_queue_capacity_outside_1_to_a_million_is_refused_naming_the_setting(int capacity) =>
        Assert.StartsWith("FtpServer:Limits:EventQueueCapacity:",
            SingleFailure(new FtpServerOptions { Limits = { EventQueueCapacity = capacity } }), StringComparison.Ordinal);

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void An_event_drain_time_outside_0_to_an_hour_is_refused_naming_the_setting(int seconds) =>
        Assert.StartsWith("FtpServer:Timeouts:EventDrain:",
            SingleFailure(new FtpServerOptions { Timeouts = { EventDrain = TimeSpan.FromSeconds(seconds) } }), StringComparison.Ordinal);

    [Fact]
    public void Good_passive_ports_are_accepted() =>
        Assert.True(Validate(new FtpServerOptions { DataChannel = { PassivePorts = "12345,30000-50000" } }).Succeeded);

    [Theory]
    [InlineData(0, "None")]
    [InlineData(768, "Tls11")]
    [InlineData(3072 | 12288, "Tls12, Tls13")]
    public void A_minimum_tls_protocol_other_than_tls12_or_tls13_is_refused_naming_the_setting(int protocols, string written) =>
        Assert.Equal($"FtpServer:Tls:MinimumProtocol: '{written}' is not Tls12 or Tls13",
            SingleFailure(new FtpServerOptions { Tls = { MinimumProtocol = (System.Security.Authentication.SslProtocols)protocols } }));

    [Fact]
    public void The_minimum_tls_protocol_is_tls12_by_default_and_tls13_is_allowed()
    {
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls12, new FtpServerOptions().Tls.MinimumProtocol);
        Assert.True(Validate(new FtpServerOptions { Tls = { MinimumProtocol = System.Security.Authentication.SslProtocols.Tls13 } }).Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(50)]
    public void A_certificate_reload_interval_below_100_ms_other_than_zero_is_refused_naming_the_setting(int milliseconds) =>
        Assert.StartsWith("FtpServer:Tls:ReloadCheckInterval:",
            SingleFailure(new FtpServerOptions { Tls = { ReloadCheckInterval = TimeSpan.FromMilliseconds(milliseconds) } }), StringComparison.Ordinal);

    [Fact]
    public void The_certificate_files_are_left_to_the_one_load_at_start()
    {
        // FtpTlsContext.Load in FtpServer.StartAsync reads them (FtpTlsContextTests); validating must not read them again.
        Assert.True(Validate(new FtpServerOptions { Tls = { CertificateFile = _dir["missing.pem"] } }).Succeeded);
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("::1")]
    [InlineData("300.1.1.1")]
    public void A_bad_masquerade_address_is_refused_naming_the_setting(string address) =>
        Assert.StartsWith("FtpServer:DataChannel:MasqueradeAddress:", SingleFailure(new FtpServerOptions { DataChannel = { MasqueradeAddress = address } }), StringComparison.Ordinal);

    [Fact]
    public void A_bad_passive_address_rule_is_refused_naming_the_rule() =>
        Assert.StartsWith("FtpServer:DataChannel:PassiveAddressRules:0:Network:",
            SingleFailure(new FtpServerOptions { DataChannel = { PassiveAddressRules = [new PassiveAddressRule { Network = "10.0.0.0/33", Address = "1.2.3.4" }] } }),
            StringComparison.Ordinal);

    [Fact]
    public void An_implicit_tls_port_without_a_certificate_is_refused_naming_the_setting() =>
        Assert.StartsWith("FtpServer:ImplicitTlsPort:", SingleFailure(new FtpServerOptions { ImplicitTlsPort = 990 }), StringComparison.Ordinal);

    [Fact]
    public void A_bad_host_is_refused_naming_the_setting() =>
        Assert.StartsWith("FtpServer:Host:", SingleFailure(new FtpServerOptions { Host = "ftp.example.com" }), StringComparison.Ordinal);

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused_naming_the_setting(int port) =>
        Assert.StartsWith("FtpServer:Port:", SingleFailure(new FtpServerOptions { Port = port }), StringComparison.Ordinal);

    [Fact]
    public void A_multi_line_banner_is_refused_naming_the_setting() =>
        Assert.StartsWith("FtpServer:Banner:", SingleFailure(new FtpServerOptions { Banner = "hello\r\n230 fake" }), StringComparison.Ordinal);

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        ValidateOptionsResult result = Validate(new FtpServerOptions { DataChannel = { PassivePorts = "abc", MasqueradeAddress = "x" }, Limits = { MaxConnections = 0 } });

        Assert.Equal(3, result.Failures!.Count());
    }
}
