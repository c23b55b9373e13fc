using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Storage;

/// <summary>The jail's own link resolution must agree with the kernel's, or it checks a path the kernel never opens.</summary>
public sealed class HomeJailTests : IDisposable
{
    private readonly TempDirectory _top = new();

    public void Dispose() => _top.Dispose();

    /// <summary>
    /// <c>home/l -> TOP/elsewhere/x/y</c> and <c>home/tricky -> l/../../home/file</c>: read as text the target folds to
    /// <c>home/file</c> (inside), but the kernel climbs from where <c>l</c> led and lands on <c>elsewhere/home/file</c>.
    /// </summary>
    [Fact]
    public async Task Dot_dot_after_a_link_climbs_from_the_links_target_as_the_kernel_does_and_the_result_outside_is_refused()
    {
        string home = _top.CreateDirectory("home");
        _top.WriteFile("home/file", "inside");
        _top.CreateDirectory("elsewhere/x/y");
        _top.WriteFile("elsewhere/home/file", "outside");
        File.CreateSymbolicLink(Path.Combine(home, "l"), _top["elsewhere/x/y"]);
        File.CreateSymbolicLink(Path.Combine(home, "tricky"), "l/../../home/file");

        Assert.Equal("outside", await File.ReadAllTextAsync(Path.Combine(home, "tricky")));
        Assert.Equal(HomeJail.RealPath(_top["elsewhere/home/file"]), HomeJail.RealPath(Path.Combine(home, "tricky")));

        var fs = new LocalFileSystem(home);
        FtpFileSystemException refused = await Assert.ThrowsAsync<FtpFileSystemException>(
            async () => await fs.OpenReadAsync(FtpPath.Parse("/tricky"), 0, CancellationToken.None));
        Assert.Equal(FtpFileSystemError.AccessDenied, refused.Error);
    }

    [Fact]
    public void Dot_and_dot_dot_in_a_path_are_resolved_as_names_not_kept_as_text()
    {
        string home = _top.CreateDirectory("home");
        _top.CreateDirectory("home/a/b");

        Assert.Equal(HomeJail.RealPath(_top["home/a"]), HomeJail.RealPath(Path.Combine(home, "a", "b", ".", "..")));
        Assert.Equal(HomeJail.RealPath(_top.Path), HomeJail.RealPath(Path.Combine(home, "..")));
    }
}
