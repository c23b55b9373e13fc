using AspNetFtp.Identity.Accounts;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>Limit values as an operator types them: K/M/G sizes, none, inherit (accounts only); anything else refused.</summary>
public sealed class FtpLimitTextTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1500", 1500L)]
    [InlineData("10K", 10240L)]
    [InlineData("10k", 10240L)]
    [InlineData("3M", 3145728L)]
    [InlineData(" 2G ", 2147483648L)]
    [InlineData("8589934591G", 8589934591L << 30)]
    public void A_size_with_a_binary_suffix_is_read_exactly(string text, long expected)
    {
        Assert.True(FtpLimitText.TryParseSize(text, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("K")]
    [InlineData("12X")]
    [InlineData("-5")]
    [InlineData("1.5M")]
    [InlineData("+7")]
    [InlineData("10 M")]
    [InlineData("8589934592G")]
    [InlineData("9223372036854775808")]
    public void Anything_else_is_not_a_size(string text) => Assert.False(FtpLimitText.TryParseSize(text, out _));

    [Fact]
    public void None_means_no_limit_null_for_a_group_and_0_for_an_account_and_inherit_is_for_accounts_only()
    {
        Assert.True(FtpLimitText.TryParseLimit("none", forAccount: false, out long? group));
        Assert.Null(group);
        Assert.True(FtpLimitText.TryParseLimit("NONE", forAccount: true, out long? account));
        Assert.Equal(0, account);
        Assert.True(FtpLimitText.TryParseLimit("inherit", forAccount: true, out long? inherited));
        Assert.Null(inherited);
        Assert.False(FtpLimitText.TryParseLimit("inherit", forAccount: false, out _));
    }
}
