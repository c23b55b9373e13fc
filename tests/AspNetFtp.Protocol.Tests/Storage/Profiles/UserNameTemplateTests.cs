using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage.Profiles;

namespace AspNetFtp.Protocol.Tests.Storage.Profiles;

/// <summary>{username} in a profile's prefix or root: one user's place can never be another's.</summary>
public sealed class UserNameTemplateTests
{
    [Theory]
    [InlineData("ftp/{username}/", "alice", "ftp/alice/")]
    [InlineData("ftp/{USERNAME}/in", "bob.smith@example.com", "ftp/bob.smith@example.com/in")]
    [InlineData("shared/", "alice", "shared/")]
    public void The_placeholder_becomes_the_user_name(string template, string user, string expected) =>
        Assert.Equal(expected, UserNameTemplate.Expand(template, user));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    public void A_name_that_would_change_where_the_prefix_points_is_refused(string user)
    {
        var error = Assert.Throws<FtpFileSystemException>(() => UserNameTemplate.Expand("ftp/{username}/", user));

        Assert.Equal(FtpFileSystemError.AccessDenied, error.Error);
    }

    [Fact]
    public void A_template_without_the_placeholder_takes_any_name_since_the_name_goes_nowhere() =>
        Assert.Equal("shared/", UserNameTemplate.Expand("shared/", ".."));
}
