using System.Net;
using AspNetFtp.Protocol.Server;

namespace AspNetFtp.Protocol.Tests.Server;

/// <summary>Security issue 6: one IPv6 /64 (one subscriber) must not take every place under MaxConnectionsPerIp.</summary>
public sealed class ConnectionLimitKeyTests
{
    private static IPAddress Key(string address, int prefix = 64) => ConnectionLimitKey.For(IPAddress.Parse(address), prefix);

    [Fact]
    public void Two_addresses_in_one_64_count_as_one_client()
    {
        Assert.Equal(Key("2001:db8:1:2::1"), Key("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        Assert.Equal(IPAddress.Parse("2001:db8:1:2::"), Key("2001:db8:1:2:abcd::1"));
    }

    [Fact]
    public void Addresses_in_different_64s_count_as_different_clients() =>
        Assert.NotEqual(Key("2001:db8:1:2::1"), Key("2001:db8:1:3::1"));

    [Fact]
    public void A_48_prefix_groups_neighbouring_64s_together()
    {
        Assert.Equal(Key("2001:db8:1:2::1", 48), Key("2001:db8:1:3::1", 48));
        Assert.NotEqual(Key("2001:db8:1:2::1", 48), Key("2001:db8:2:2::1", 48));
    }

    [Fact]
    public void A_prefix_that_is_not_a_whole_number_of_bytes_keeps_only_its_bits()
    {
        Assert.Equal(IPAddress.Parse("2001:db8:1::"), Key("2001:db8:1:f::1", 60));
        Assert.Equal(IPAddress.Parse("2001:db8:1:10::"), Key("2001:db8:1:1f::1", 60));
    }

    [Fact]
    public void With_a_128_prefix_every_ipv6_address_counts_alone() =>
        Assert.NotEqual(Key("2001:db8::1", 128), Key("2001:db8::2", 128));

    [Fact]
    public void An_ipv4_mapped_ipv6_address_counts_as_its_ipv4_address()
    {
        Assert.Equal(IPAddress.Parse("192.0.2.7"), Key("::ffff:192.0.2.7"));
        Assert.NotEqual(Key("::ffff:192.0.2.7"), Key("::ffff:192.0.2.8"));
    }

    [Fact]
    public void An_ipv4_address_counts_by_itself_whatever_the_ipv6_prefix() =>
        Assert.Equal(IPAddress.Parse("192.0.2.7"), Key("192.0.2.7", 1));
}
