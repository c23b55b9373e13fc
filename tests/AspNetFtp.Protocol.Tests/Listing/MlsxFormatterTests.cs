using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Tests.Listing;

public sealed class MlsxFormatterTests
{
    private static readonly DateTime Modified = new(2026, 11, 26, 3, 32, 0, DateTimeKind.Utc);
    private static readonly FtpFileInfo File = new("a.txt", false, 5, Modified, (UnixFileMode)0x1A4, UniqueId: "00ff");
    private static readonly FtpFileInfo Directory = new("docs", true, 4096, Modified, (UnixFileMode)0x1ED, UniqueId: "00aa");

    [Fact]
    public void A_file_shows_the_default_facts_in_order_then_a_space_and_the_name() =>
        Assert.Equal("type=file;size=5;modify=20261126033200;perm=adfrw;unique=00ff; a.txt",
            MlsxFormatter.Format(File, "a.txt", MlstFacts.Default, FtpPermissions.All));

    [Fact]
    public void A_directory_has_no_size_fact() =>
        Assert.Equal("type=dir;modify=20261126033200;perm=cdeflmp;unique=00aa; docs",
            MlsxFormatter.Format(Directory, "docs", MlstFacts.Default, FtpPermissions.All));

    [Fact]
    public void A_symbolic_link_has_the_os_unix_symlink_type() =>
        Assert.StartsWith("type=OS.unix=symlink;", MlsxFormatter.Format(File with { LinkTarget = "" }, "l", MlstFacts.Type, FtpPermissions.All), StringComparison.Ordinal);

    [Fact]
    public void Only_the_selected_facts_are_written() =>
        Assert.Equal("type=file;size=5; a.txt", MlsxFormatter.Format(File, "a.txt", MlstFacts.Type | MlstFacts.Size, FtpPermissions.All));

    [Fact]
    public void The_unix_mode_fact_is_octal_with_a_leading_zero() =>
        Assert.Equal("UNIX.mode=0644; a.txt", MlsxFormatter.Format(File, "a.txt", MlstFacts.UnixMode, FtpPermissions.All));

    [Fact]
    public void The_unique_fact_is_left_out_when_the_storage_has_no_id() =>
        Assert.Equal(" a.txt", MlsxFormatter.Format(File with { UniqueId = null }, "a.txt", MlstFacts.Unique, FtpPermissions.All));

    [Theory]
    [InlineData("elradfmwMT", "adfrw")]
    [InlineData("elr", "r")]
    [InlineData("w", "w")]
    [InlineData("a", "a")]
    [InlineData("df", "df")]
    [InlineData("", "")]
    public void The_perm_fact_of_a_file_follows_the_user_permissions(string letters, string expected) =>
        Assert.Equal(expected, MlsxFormatter.PermFact(File, FtpPermissionLetters.Parse(letters)));

    [Theory]
    [InlineData("elradfmwMT", "cdeflmp")]
    [InlineData("elr", "el")]
    [InlineData("w", "c")]
    [InlineData("m", "m")]
    [InlineData("d", "dp")]
    [InlineData("", "")]
    public void The_perm_fact_of_a_directory_follows_the_user_permissions(string letters, string expected) =>
        Assert.Equal(expected, MlsxFormatter.PermFact(Directory, FtpPermissionLetters.Parse(letters)));

    [Fact]
    public void The_modify_fact_is_the_utc_time_val() =>
        Assert.Equal("20261126033200", MlsxFormatter.FormatTime(Modified));

    [Fact]
    public void Opts_mlst_parses_the_named_facts() =>
        Assert.Equal(MlstFacts.Type | MlstFacts.Size, MlsxFormatter.ParseFacts("type;size;"));

    [Fact]
    public void Opts_mlst_fact_names_are_case_insensitive() =>
        Assert.Equal(MlstFacts.Type | MlstFacts.UnixMode | MlstFacts.Perm, MlsxFormatter.ParseFacts("TYPE;unix.MODE;Perm"));

    [Fact]
    public void Opts_mlst_ignores_unknown_facts() =>
        Assert.Equal(MlstFacts.Modify, MlsxFormatter.ParseFacts("charset;modify;lang;"));

    [Fact]
    public void Opts_mlst_with_no_facts_selects_none() =>
        Assert.Equal(MlstFacts.None, MlsxFormatter.ParseFacts(string.Empty));

    [Fact]
    public void The_feat_line_lists_every_fact_and_stars_the_selected_ones() =>
        Assert.Equal("type*;size*;modify*;perm*;unique*;UNIX.mode;", MlsxFormatter.FeatureList(MlstFacts.Default));

    [Fact]
    public void The_feat_line_after_opts_stars_only_the_new_selection() =>
        Assert.Equal("type*;size;modify;perm;unique;UNIX.mode*;", MlsxFormatter.FeatureList(MlstFacts.Type | MlstFacts.UnixMode));

    [Fact]
    public void Fact_names_echo_the_selection_for_the_opts_reply() =>
        Assert.Equal("type;modify;", MlsxFormatter.FactNames(MlstFacts.Type | MlstFacts.Modify));
}
