using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Tests.Paths;

public sealed class FtpPathTests
{
    private static FtpPath Resolve(FtpPath current, string text)
    {
        Assert.True(FtpPath.TryResolve(current, text, out FtpPath result, out FtpPathError error), $"'{text}' was refused: {error}");
        Assert.Equal(FtpPathError.None, error);
        return result;
    }

    private static FtpPathError Refusal(FtpPath current, string text)
    {
        Assert.False(FtpPath.TryResolve(current, text, out _, out FtpPathError error), $"'{text}' was accepted");
        return error;
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("a", "/a")]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("a//b///c", "/a/b/c")]
    [InlineData("/./a/./b/.", "/a/b")]
    public void Resolution_normalizes_slashes_and_dots(string text, string expected) =>
        Assert.Equal(expected, Resolve(FtpPath.Root, text).Value);

    [Theory]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/a/b/c/../../d", "/a/d")]
    [InlineData("/a/..", "/")]
    [InlineData("a/b/../../c", "/c")]
    public void Dot_dot_collapses_the_previous_name(string text, string expected) =>
        Assert.Equal(expected, Resolve(FtpPath.Root, text).Value);

    [Fact]
    public void A_relative_path_resolves_against_the_current_directory() =>
        Assert.Equal("/home/x/z", Resolve(FtpPath.Parse("/home/x/y"), "../z").Value);

    [Fact]
    public void An_absolute_path_ignores_the_current_directory() =>
        Assert.Equal("/z", Resolve(FtpPath.Parse("/home/x/y"), "/z").Value);

    [Fact]
    public void Empty_text_resolves_to_the_current_directory() =>
        Assert.Equal("/a/b", Resolve(FtpPath.Parse("/a/b"), string.Empty).Value);

    [Theory]
    [InlineData("..")]
    [InlineData("/..")]
    [InlineData("/../etc/passwd")]
    [InlineData("/a/../..")]
    [InlineData("a/../../b")]
    public void Climbing_above_the_root_is_refused_as_outside_root(string text) =>
        Assert.Equal(FtpPathError.OutsideRoot, Refusal(FtpPath.Root, text));

    [Fact]
    public void Climbing_above_the_root_from_a_subdirectory_is_refused_as_outside_root() =>
        Assert.Equal(FtpPathError.OutsideRoot, Refusal(FtpPath.Parse("/a/b"), "../../../etc"));

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\\b")]
    [InlineData("..\\..\\etc")]
    public void Nul_cr_lf_and_backslash_are_refused_as_invalid_characters(string text) =>
        Assert.Equal(FtpPathError.InvalidCharacter, Refusal(FtpPath.Root, text));

    [Fact]
    public void A_name_of_the_maximum_length_is_accepted()
    {
        string name = new('n', FtpPath.MaxNameLength);
        Assert.Equal("/" + name, Resolve(FtpPath.Root, name).Value);
    }

    [Fact]
    public void A_name_longer_than_the_maximum_is_refused_as_too_long() =>
        Assert.Equal(FtpPathError.TooLong, Refusal(FtpPath.Root, new string('n', FtpPath.MaxNameLength + 1)));

    [Fact]
    public void Text_longer_than_the_maximum_path_length_is_refused_as_too_long() =>
        Assert.Equal(FtpPathError.TooLong, Refusal(FtpPath.Root, "/" + string.Join('/', Enumerable.Repeat(new string('n', 200), 21))));

    [Fact]
    public void A_result_longer_than_the_maximum_is_refused_and_leaves_the_current_directory()
    {
        // 19 names of 200 characters: 3,819 characters, under the limit on its own.
        FtpPath deep = FtpPath.Parse("/" + string.Join('/', Enumerable.Repeat(new string('d', 200), 19)));
        bool ok = FtpPath.TryResolve(deep, string.Join('/', Enumerable.Repeat(new string('e', 200), 2)), out FtpPath result, out FtpPathError error);

        Assert.False(ok);
        Assert.Equal(FtpPathError.TooLong, error);
        Assert.Equal(deep, result);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_a_path_above_the_root() =>
        Assert.Throws<FormatException>(() => FtpPath.Parse("/../x"));

    [Fact]
    public void The_parent_of_a_nested_path_drops_the_last_name() =>
        Assert.Equal("/a", FtpPath.Parse("/a/b").Parent.Value);

    [Fact]
    public void The_parent_of_a_top_level_path_is_the_root() =>
        Assert.True(FtpPath.Parse("/a").Parent.IsRoot);

    [Fact]
    public void The_parent_of_the_root_is_the_root() =>
        Assert.Equal(FtpPath.Root, FtpPath.Root.Parent);

    [Fact]
    public void Name_is_the_last_segment() =>
        Assert.Equal("b.txt", FtpPath.Parse("/a/b.txt").Name);

    [Fact]
    public void The_root_has_an_empty_name() =>
        Assert.Equal(string.Empty, FtpPath.Root.Name);

    [Fact]
    public void Default_path_is_the_root()
    {
        Assert.Equal("/", default(FtpPath).Value);
        Assert.Equal(FtpPath.Root, default);
    }

    [Fact]
    public void Combine_appends_one_name_to_the_root() =>
        Assert.Equal("/x", FtpPath.Root.Combine("x").Value);

    [Fact]
    public void Combine_appends_one_name_to_a_directory() =>
        Assert.Equal("/a/x", FtpPath.Parse("/a").Combine("x").Value);

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    public void Combine_refuses_anything_but_a_single_valid_name(string name) =>
        Assert.Throws<ArgumentException>(() => FtpPath.Parse("/a").Combine(name));

    [Fact]
    public void Combine_refuses_a_name_longer_than_the_maximum() =>
        Assert.Throws<ArgumentException>(() => FtpPath.Root.Combine(new string('n', FtpPath.MaxNameLength + 1)));

    [Fact]
    public void Segments_list_the_names_from_the_root_down() =>
        Assert.Equal(["a", "b", "c"], FtpPath.Parse("/a/b/c").Segments);

    [Fact]
    public void Paths_compare_by_their_normalized_text()
    {
        Assert.Equal(FtpPath.Parse("/a/b"), FtpPath.Parse("a//b/."));
        Assert.True(FtpPath.Parse("/a") != FtpPath.Parse("/A"));
    }
}
