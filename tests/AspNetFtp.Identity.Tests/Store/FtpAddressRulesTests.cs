using System.Net;
using AspNetFtp.Identity.Accounts;

namespace AspNetFtp.Identity.Tests.Store;

public sealed class FtpAddressRulesTests
{
    private static FtpAddressRules Parse(string text)
    {
        Assert.True(FtpAddressRules.TryParse(text, out FtpAddressRules? rules, out string? error), error);
        return rules;
    }

    [Theory]
    [InlineData("10.0.0.0/8, 192.0.2.7", "10.0.0.0/8, 192.0.2.7")]
    [InlineData("  192.0.2.7\n2001:db8::/32;10.0.0.0/8 ", "192.0.2.7, 2001:db8::/32, 10.0.0.0/8")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("::ffff:10.0.0.0/104", "10.0.0.0/8")]
    [InlineData("192.0.2.7, 192.0.2.7/32", "192.0.2.7")]
    [InlineData("2001:DB8::1/128", "2001:db8::1")]
    public void A_list_is_stored_in_its_canonical_text(string text, string canonical)
    {
        Assert.Equal(canonical, Parse(text).CanonicalText);
    }

    [Theory]
    [InlineData("10.1", "10.1")]
    [InlineData("0x0a000001", "0x0a000001")]
    [InlineData("10.0.0.1/8", "10.0.0.1/8")]
    [InlineData("10.0.0.0/33", "10.0.0.0/33")]
    [InlineData("192.0.2.7, 300.1.1.1", "300.1.1.1")]
    [InlineData("fe80::1%eth0", "fe80::1%eth0")]
    [InlineData("10.0.0.0/", "10.0.0.0/")]
    [InlineData("10.0.0.0/+8", "10.0.0.0/+8")]
    [InlineData("::ffff:10.0.0.0/8", "::ffff:10.0.0.0/8")]
    [InlineData("example.com", "example.com")]
    public void A_bad_entry_is_refused_naming_it(string text, string named)
    {
        Assert.False(FtpAddressRules.TryParse(text, out _, out string? error));
        Assert.Contains($"'{named}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.200.1.2", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.200.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    public void An_address_matches_its_networks_and_mapped_ipv4_as_ipv4(string list, string address, bool contained)
    {
        Assert.Equal(contained, Parse(list).Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Denied_wins_and_every_non_empty_allowed_list_must_match()
    {
        IPAddress address = IPAddress.Parse("10.1.2.3");
        FtpAddressRules tenSlash8 = Parse("10.0.0.0/8");
        FtpAddressRules other = Parse("192.0.2.0/24");
        FtpAddressRules empty = FtpAddressRules.Empty;

        Assert.True(FtpAddressRules.Admits(address, [(empty, empty), (empty, empty)]));
        Assert.True(FtpAddressRules.Admits(address, [(tenSlash8, empty), (empty, other)]));
        Assert.False(FtpAddressRules.Admits(address, [(tenSlash8, empty), (empty, tenSlash8)]));
        Assert.False(FtpAddressRules.Admits(address, [(tenSlash8, empty), (other, empty)]));
        Assert.False(FtpAddressRules.Admits(address, [(empty, empty), (other, empty)]));
    }

    [Fact]
    public void A_list_longer_than_its_column_is_refused()
    {
        Assert.False(FtpAddressRules.TryParse(string.Join(", ", Enumerable.Repeat("192.0.2.7", 250)), out _, out string? error));
        Assert.Contains("2000", error, StringComparison.Ordinal);
    }
}
