using System.Net;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Server;

namespace AspNetFtp.Protocol.Tests.Data;

public sealed class PassiveAddressSelectorTests
{
    private static readonly IPAddress Local = IPAddress.Parse("10.0.0.5");

    private static PassiveAddressSelector FromOptions(string? masquerade, params PassiveAddressRule[] rules) =>
        PassiveAddressSelector.FromOptions(new FtpServerOptions { DataChannel = { MasqueradeAddress = masquerade, PassiveAddressRules = [.. rules] } });

    [Fact]
    public void Without_settings_the_control_connection_local_address_is_announced() =>
        Assert.Equal(Local, FromOptions(null).Choose(IPAddress.Parse("198.51.100.1"), Local));

    [Fact]
    public void The_masquerade_address_is_announced_to_outside_clients() =>
        Assert.Equal(IPAddress.Parse("203.0.113.7"), FromOptions("203.0.113.7").Choose(IPAddress.Parse("198.51.100.1"), Local));

    [Fact]
    public void The_first_matching_rule_wins_over_the_masquerade_address()
    {
        PassiveAddressSelector selector = FromOptions("203.0.113.7",
            new PassiveAddressRule { Network = "192.168.0.0/16", Address = "192.168.1.1" },
            new PassiveAddressRule { Network = "192.168.5.0/24", Address = "192.168.5.1" });

        Assert.Equal(IPAddress.Parse("192.168.1.1"), selector.Choose(IPAddress.Parse("192.168.5.9"), Local));
    }

    [Fact]
    public void A_rule_without_an_address_announces_the_local_address() =>
        Assert.Equal(Local, FromOptions("203.0.113.7", new PassiveAddressRule { Network = "10.0.0.0/8" }).Choose(IPAddress.Parse("10.9.9.9"), Local));

    [Fact]
    public void An_ipv4_mapped_client_address_matches_an_ipv4_rule() =>
        Assert.Equal(IPAddress.Parse("192.168.1.1"),
            FromOptions(null, new PassiveAddressRule { Network = "192.168.0.0/16", Address = "192.168.1.1" })
                .Choose(IPAddress.Parse("::ffff:192.168.3.4"), Local));

    [Fact]
    public void An_ipv4_mapped_local_address_is_announced_as_ipv4() =>
        Assert.Equal(Local, FromOptions(null).Choose(IPAddress.Parse("198.51.100.1"), Local.MapToIPv6()));

    [Fact]
    public void A_rule_address_that_is_not_ipv4_is_refused_naming_the_rule()
    {
        var ex = Assert.Throws<FtpConfigurationException>(() =>
            FromOptions(null, new PassiveAddressRule { Network = "10.0.0.0/8", Address = "::1" }));

        Assert.Equal("DataChannel:PassiveAddressRules:0:Address", ex.Setting);
    }
}
