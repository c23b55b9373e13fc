using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Tests.Security;

public sealed class FtpPermissionMapTests
{
    private static FtpPermissionMap Map(params FtpDirectoryPermission[] rules) =>
        new(new FtpUser("u", "/home/u", FtpPermissions.All) { DirectoryPermissions = rules });

    [Theory]
    [InlineData("/", "elradfmwMT")]
    [InlineData("/a", "l")]
    [InlineData("/a/x", "l")]
    [InlineData("/a/b", "r")]
    [InlineData("/a/b/c/d", "r")]
    [InlineData("/a/bc", "l")]
    [InlineData("/ab", "elradfmwMT")]
    public void The_longest_whole_segment_prefix_gives_the_letters(string path, string letters)
    {
        FtpPermissionMap map = Map(new FtpDirectoryPermission("/a", FtpPermissions.List), new("/a/b", FtpPermissions.Read));

        Assert.Equal(letters, FtpPermissionLetters.ToLetters(map.At(FtpPath.Parse(path))));
    }

    [Fact]
    public void A_rule_path_with_a_trailing_slash_or_dot_segments_is_normalized()
    {
        FtpPermissionMap map = Map(new FtpDirectoryPermission("/a/./b/", FtpPermissions.Read));

        Assert.Equal(FtpPermissions.Read, map.At(FtpPath.Parse("/a/b/c")));
    }

    [Fact]
    public void A_rule_on_the_root_replaces_the_users_own_letters_everywhere()
    {
        FtpPermissionMap map = Map(new FtpDirectoryPermission("/", FtpPermissions.List));

        Assert.Equal(FtpPermissions.List, map.At(FtpPath.Parse("/any/where")));
    }

    [Fact]
    public void A_rule_whose_path_cannot_be_resolved_closes_every_path()
    {
        FtpPermissionMap map = Map(new FtpDirectoryPermission("/a/../../etc", FtpPermissions.All));

        Assert.Equal(FtpPermissions.None, map.At(FtpPath.Parse("/b")));
        Assert.True(map.HasRulesBelow(FtpPath.Root));
    }

    [Fact]
    public void Rules_below_a_path_are_found_only_strictly_below_it()
    {
        FtpPermissionMap map = Map(new FtpDirectoryPermission("/a/b", FtpPermissions.Read));

        Assert.True(map.HasRulesBelow(FtpPath.Parse("/a")));
        Assert.True(map.HasRulesBelow(FtpPath.Root));
        Assert.False(map.HasRulesBelow(FtpPath.Parse("/a/b")));
        Assert.False(map.HasRulesBelow(FtpPath.Parse("/ab")));
    }
}
