using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Tests.Data;

public sealed class PortRangesTests
{
    [Fact]
    public void A_single_range_holds_both_ends()
    {
        PortRanges ranges = PortRanges.Parse("30000-30100");

        Assert.Equal(101, ranges.Count);
        Assert.Equal([(30000, 30100)], ranges.Ranges);
        Assert.True(ranges.Contains(30000));
        Assert.True(ranges.Contains(30100));
        Assert.False(ranges.Contains(30101));
    }

    [Fact]
    public void A_single_port_and_a_range_combine()
    {
        PortRanges ranges = PortRanges.Parse("12345,30000-50000");

        Assert.Equal(1 + 20001, ranges.Count);
        Assert.Equal([(12345, 12345), (30000, 50000)], ranges.Ranges);
        Assert.True(ranges.Contains(12345));
        Assert.False(ranges.Contains(12346));
    }

    [Fact]
    public void PortAt_walks_the_ranges_in_order()
    {
        PortRanges ranges = PortRanges.Parse("12345,30000-30002");

        Assert.Equal(12345, ranges.PortAt(0));
        Assert.Equal(30000, ranges.PortAt(1));
        Assert.Equal(30002, ranges.PortAt(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranges.PortAt(4));
    }

    [Fact]
    public void Overlapping_ranges_are_merged()
    {
        PortRanges ranges = PortRanges.Parse("150-300,100-200");

        Assert.Equal([(100, 300)], ranges.Ranges);
        Assert.Equal(201, ranges.Count);
    }

    [Fact]
    public void Adjacent_ranges_are_merged() =>
        Assert.Equal("100-300", PortRanges.Parse("201-300,100-200").ToString());

    [Fact]
    public void A_range_inside_another_is_absorbed() =>
        Assert.Equal([(1000, 2000)], PortRanges.Parse("1000-2000,1500-1600,1500").Ranges);

    [Fact]
    public void Spaces_around_entries_and_bounds_are_allowed() =>
        Assert.Equal("12345,30000-30100", PortRanges.Parse(" 12345 , 30000 - 30100 ").ToString());

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("0-5", "'0-5'")]
    [InlineData("70000", "'70000'")]
    [InlineData("1-2-3", "'1-2-3'")]
    [InlineData("-5", "'-5'")]
    [InlineData("+80", "'+80'")]
    [InlineData("10-5", "ends before it starts")]
    [InlineData("100,,200", "empty entry")]
    [InlineData("100,", "empty entry")]
    [InlineData("", "no port range")]
    [InlineData("   ", "no port range")]
    public void Bad_text_fails_with_an_error_that_says_what_is_wrong(string text, string expectedInError)
    {
        bool ok = PortRanges.TryParse(text, out PortRanges? ranges, out string? error);

        Assert.False(ok);
        Assert.Null(ranges);
        Assert.Contains(expectedInError, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_bad_text() =>
        Assert.Throws<FormatException>(() => PortRanges.Parse("abc"));

    [Fact]
    public void The_lowest_and_highest_ports_are_accepted() =>
        Assert.Equal(65535, PortRanges.Parse("1-65535").Count);
}
