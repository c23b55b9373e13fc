using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Listing;

namespace AspNetFtp.Protocol.Tests.Listing;

public sealed class UnixListFormatterTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static UnixFileMode Mode(int octal) => (UnixFileMode)octal;

    [Fact]
    public void A_recent_time_shows_the_hour_and_minute() =>
        Assert.Equal("Nov 20 03:32", UnixListFormatter.FormatTime(new DateTime(2026, 11, 20, 3, 32, 0, DateTimeKind.Utc), Now));

    [Fact]
    public void A_time_older_than_six_months_shows_the_year() =>
        Assert.Equal("Jan  5  2024", UnixListFormatter.FormatTime(new DateTime(2024, 1, 5, 8, 0, 0, DateTimeKind.Utc), Now));

    [Fact]
    public void A_time_more_than_a_day_in_the_future_shows_the_year() =>
        Assert.Equal("Dec  1  2026", UnixListFormatter.FormatTime(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), Now));

    [Fact]
    public void A_single_digit_day_is_padded_to_two_columns() =>
        Assert.Equal("Nov  2 10:00", UnixListFormatter.FormatTime(new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc), Now));

    [Theory]
    [InlineData(0x1ED, "rwxr-xr-x")] // 0755
    [InlineData(0x1A4, "rw-r--r--")] // 0644
    [InlineData(0x000, "---------")]
    [InlineData(0x1FF, "rwxrwxrwx")] // 0777
    public void The_mode_string_shows_read_write_execute_per_class(int mode, string expected) =>
        Assert.Equal(expected, UnixListFormatter.ModeString(Mode(mode)));

    [Theory]
    [InlineData(0x9ED, "rwsr-xr-x")] // 04755
    [InlineData(0x9A4, "rwSr--r--")] // 04644
    [InlineData(0x5ED, "rwxr-sr-x")] // 02755
    [InlineData(0x5A4, "rw-r-Sr--")] // 02644
    public void Setuid_and_setgid_replace_the_execute_letter_with_s_or_S(int mode, string expected) =>
        Assert.Equal(expected, UnixListFormatter.ModeString(Mode(mode)));

    [Theory]
    [InlineData(0x3FF, "rwxrwxrwt")] // 01777
    [InlineData(0x3FE, "rwxrwxrwT")] // 01776
    public void The_sticky_bit_replaces_the_others_execute_letter_with_t_or_T(int mode, string expected) =>
        Assert.Equal(expected, UnixListFormatter.ModeString(Mode(mode)));

    [Fact]
    public void A_file_line_looks_like_ls_minus_l()
    {
        var info = new FtpFileInfo("notes.txt", false, 1234, new DateTime(2026, 11, 20, 3, 32, 0, DateTimeKind.Utc), Mode(0x1A4));

        Assert.Equal("-rw-r--r--   1 ftp      ftp               1234 Nov 20 03:32 notes.txt", UnixListFormatter.Format(info, Now));
    }

    [Fact]
    public void A_directory_line_starts_with_d_and_has_two_links()
    {
        var info = new FtpFileInfo("docs", true, 0, new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Utc), Mode(0x1ED));

        Assert.Equal("drwxr-xr-x   2 ftp      ftp                  0 Feb  3  2020 docs", UnixListFormatter.Format(info, Now));
    }

    [Fact]
    public void A_symbolic_link_line_starts_with_l()
    {
        var info = new FtpFileInfo("link", false, 0, Now, Mode(0x1FF), LinkTarget: string.Empty);

        Assert.StartsWith("lrwxrwxrwx", UnixListFormatter.Format(info, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_spaces_is_written_as_is_at_the_end() =>
        Assert.EndsWith(" my file.txt", UnixListFormatter.Format(new FtpFileInfo("my file.txt", false, 1, Now, Mode(0x1A4)), Now), StringComparison.Ordinal);
}
