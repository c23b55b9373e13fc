using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Tests.Server;

/// <summary>
/// Issue 7: the options in parts, bound from nested keys (<c>FtpServer:Timeouts:Data</c>), while every old flat key
/// (<c>FtpServer:DataTimeout</c>, in seconds) keeps working through <see cref="LegacyFtpServerKeys"/>.
/// </summary>
public sealed class LegacyFtpServerKeysTests
{
    /// <summary>The options as the host gets them: bound from configuration sources (later ones override), then validated.</summary>
    private static FtpServerOptions Bind(params Dictionary<string, string?>[] sources)
    {
        var builder = new ConfigurationBuilder();
        foreach (Dictionary<string, string?> source in sources)
        {
            builder.AddInMemoryCollection(source);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFtpServer(builder.Build());
        using ServiceProvider sp = services.BuildServiceProvider();
        return sp.GetRequiredService<IOptions<FtpServerOptions>>().Value;
    }

    private static string SingleFailure(params Dictionary<string, string?>[] sources)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(sources));
        return Assert.Single(ex.Failures);
    }

    [Fact]
    public void An_old_flat_key_in_seconds_sets_the_grouped_time_span() =>
        Assert.Equal(TimeSpan.FromSeconds(7), Bind(new Dictionary<string, string?> { ["FtpServer:DataTimeout"] = "7" }).Timeouts.Data);

    [Fact]
    public void An_old_seconds_key_is_never_read_as_days() =>
        Assert.Equal(TimeSpan.FromMinutes(5), Bind(new Dictionary<string, string?> { ["FtpServer:Timeout"] = "300" }).Timeouts.Idle);

    [Fact]
    public void An_old_fractional_seconds_key_keeps_its_fraction() =>
        Assert.Equal(TimeSpan.FromMilliseconds(500), Bind(new Dictionary<string, string?> { ["FtpServer:LoginFailureDelay"] = "0.5" }).Timeouts.LoginFailureDelay);

    [Fact]
    public void The_nested_key_wins_over_its_old_alias_even_from_a_later_source() =>
        Assert.Equal(TimeSpan.FromSeconds(9), Bind(
            new Dictionary<string, string?> { ["FtpServer:Timeouts:Data"] = "00:00:09" },
            new Dictionary<string, string?> { ["FtpServer:DataTimeout"] = "7" }).Timeouts.Data);

    [Fact]
    public void A_grouped_limit_binds_from_its_nested_key() =>
        Assert.Equal(100, Bind(new Dictionary<string, string?> { ["FtpServer:Limits:MaxConnections"] = "100" }).Limits.MaxConnections);

    [Fact]
    public void An_old_flat_limit_key_sets_the_grouped_limit() =>
        Assert.Equal(100, Bind(new Dictionary<string, string?> { ["FtpServer:MaxConnections"] = "100" }).Limits.MaxConnections);

    [Fact]
    public void Old_tls_and_data_channel_keys_set_their_parts()
    {
        FtpServerOptions options = Bind(new Dictionary<string, string?>
        {
            ["FtpServer:TlsDataRequired"] = "false",
            ["FtpServer:AllowPrivilegedDataPorts"] = "true",
            ["FtpServer:MasqueradeAddress"] = "203.0.113.7",
        });

        Assert.Equal((false, true, "203.0.113.7"),
            (options.Tls.DataRequired, options.DataChannel.AllowPrivilegedPorts, options.DataChannel.MasqueradeAddress));
    }

    [Fact]
    public void A_bad_value_under_an_old_key_is_refused_naming_the_old_key() =>
        Assert.StartsWith("FtpServer:DataTimeout: ", SingleFailure(new Dictionary<string, string?> { ["FtpServer:DataTimeout"] = "-5" }), StringComparison.Ordinal);

    [Fact]
    public void A_bad_value_under_a_nested_key_is_refused_naming_the_nested_key() =>
        Assert.StartsWith("FtpServer:Timeouts:Data: ", SingleFailure(new Dictionary<string, string?> { ["FtpServer:Timeouts:Data"] = "-00:00:05" }), StringComparison.Ordinal);

    [Fact]
    public void An_old_seconds_key_that_is_not_a_number_is_refused_naming_it() =>
        Assert.Equal("FtpServer:Timeout: 'abc' is not a number of seconds", SingleFailure(new Dictionary<string, string?> { ["FtpServer:Timeout"] = "abc" }));

    [Fact]
    public void A_nested_time_span_given_as_a_bare_number_is_refused_naming_its_key() =>
        Assert.Equal("FtpServer:Timeouts:Idle: '300' is a bare number, which a time span reads as days; write hh:mm:ss such as 00:05:00",
            SingleFailure(new Dictionary<string, string?> { ["FtpServer:Timeouts:Idle"] = "300" }));
}
