using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Commands;

namespace AspNetFtp.Protocol.Tests.Commands;

/// <summary>The small parsers behind SITE CHMOD, MFMT/MDTM, LIST and HASH.</summary>
public sealed class CommandHelpersTests
{
    [Theory]
    [InlineData("755", 0x1ED)]
    [InlineData("0644", 0x1A4)]
    [InlineData("1777", 0x3FF)]
    [InlineData("0", 0)]
    public void An_octal_mode_parses(string text, int expected)
    {
        Assert.True(InfoCommands.TryParseOctalMode(text, out int mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("rwx")]
    [InlineData("12345")]
    [InlineData("-644")]
    public void A_bad_octal_mode_is_refused(string text) =>
        Assert.False(InfoCommands.TryParseOctalMode(text, out _));

    [Fact]
    public void A_time_and_a_path_split_into_utc_time_and_path()
    {
        (DateTime? time, string? path) = FileCommands.SplitTimeAndPath("20200102030405 dir/my file.txt");

        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), time);
        Assert.Equal(DateTimeKind.Utc, time!.Value.Kind);
        Assert.Equal("dir/my file.txt", path);
    }

    [Fact]
    public void A_time_with_milliseconds_keeps_them() =>
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, 120, DateTimeKind.Utc), FileCommands.SplitTimeAndPath("20200102030405.12 f").Time);

    [Theory]
    [InlineData("f.txt")]
    [InlineData("2020 f.txt")]
    [InlineData("20201301000000 f.txt")]
    [InlineData("20200102030405. f.txt")]
    [InlineData("20200102030405.1234 f.txt")]
    [InlineData("20200102030405 ")]
    public void Text_that_is_not_a_time_and_a_path_does_not_split(string text) =>
        Assert.Equal((null, null), FileCommands.SplitTimeAndPath(text));

    [Theory]
    [InlineData("-la", "")]
    [InlineData("-la /pub", "/pub")]
    [InlineData("-a -l pub", "pub")]
    [InlineData("pub", "pub")]
    [InlineData("", "")]
    public void List_flags_before_the_path_are_dropped(string argument, string expected) =>
        Assert.Equal(expected, ListingCommands.StripListOptions(argument));

    [Theory]
    [InlineData("sha-256", "Sha256")]
    [InlineData("SHA-1", "Sha1")]
    [InlineData("md5", "Md5")]
    [InlineData(" CRC32 ", "Crc32")]
    public void Hash_algorithm_names_parse_case_insensitively(string text, string expected)
    {
        Assert.True(HashCommandSupport.TryParse(text, out FtpChecksumAlgorithm kind));
        Assert.Equal(expected, kind.ToString());
    }

    [Fact]
    public void The_hash_feat_line_stars_the_selected_algorithm() =>
        Assert.Equal("SHA-256;SHA-1;MD5*;CRC32", HashCommandSupport.FeatureList(FtpChecksumAlgorithm.Md5));
}
