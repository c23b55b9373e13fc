using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Tests.Security;

public sealed class FtpPermissionLettersTests
{
    [Fact]
    public void All_ten_letters_parse_to_every_permission() =>
        Assert.Equal(FtpPermissions.All, FtpPermissionLetters.Parse("elradfmwMT"));

    [Theory]
    [InlineData('e', FtpPermissions.ChangeDirectory)]
    [InlineData('l', FtpPermissions.List)]
    [InlineData('r', FtpPermissions.Read)]
    [InlineData('a', FtpPermissions.Append)]
    [InlineData('d', FtpPermissions.Delete)]
    [InlineData('f', FtpPermissions.Rename)]
    [InlineData('m', FtpPermissions.MakeDirectory)]
    [InlineData('w', FtpPermissions.Write)]
    [InlineData('M', FtpPermissions.ChangeMode)]
    [InlineData('T', FtpPermissions.ChangeTime)]
    public void Each_letter_maps_to_its_permission(char letter, FtpPermissions expected) =>
        Assert.Equal(expected, FtpPermissionLetters.Parse(letter.ToString()));

    [Fact]
    public void The_default_letters_grant_everything_but_chmod_and_set_time() =>
        Assert.Equal(FtpPermissions.All & ~FtpPermissions.ChangeMode & ~FtpPermissions.ChangeTime, FtpPermissionLetters.Parse(FtpPermissionLetters.Default));

    [Fact]
    public void An_empty_string_parses_to_no_permission() =>
        Assert.Equal(FtpPermissions.None, FtpPermissionLetters.Parse(string.Empty));

    [Fact]
    public void Letters_in_any_order_and_repeated_parse_to_the_same_set() =>
        Assert.Equal(FtpPermissionLetters.Parse("elr"), FtpPermissionLetters.Parse("rlee"));

    [Fact]
    public void Letters_are_case_sensitive()
    {
        Assert.Equal(FtpPermissions.Delete, FtpPermissionLetters.Parse("d"));
        Assert.False(FtpPermissionLetters.TryParse("D", out _, out _));
        Assert.Equal(FtpPermissions.ChangeMode, FtpPermissionLetters.Parse("M"));
    }

    [Fact]
    public void An_unknown_letter_fails_with_an_error_naming_it()
    {
        bool ok = FtpPermissionLetters.TryParse("elrX", out FtpPermissions permissions, out string? error);

        Assert.False(ok);
        Assert.Equal(FtpPermissions.None, permissions);
        Assert.Contains("'X'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_unknown_letter()
    {
        var ex = Assert.Throws<FormatException>(() => FtpPermissionLetters.Parse("elz"));
        Assert.Contains("'z'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_letters_fail_to_parse() =>
        Assert.False(FtpPermissionLetters.TryParse(null, out _, out _));

    [Theory]
    [InlineData("elradfmwMT")]
    [InlineData("elr")]
    [InlineData("w")]
    [InlineData("eMT")]
    [InlineData("")]
    public void ToLetters_round_trips_canonical_letters(string letters) =>
        Assert.Equal(letters, FtpPermissionLetters.ToLetters(FtpPermissionLetters.Parse(letters)));

    [Fact]
    public void ToLetters_writes_letters_in_canonical_order() =>
        Assert.Equal("elrw", FtpPermissionLetters.ToLetters(FtpPermissionLetters.Parse("wrle")));
}
