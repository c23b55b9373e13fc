using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Storage;

/// <summary>
/// Security issue 6: check, then act. Between the jail's check of a path and the act on it, the tree is
/// changed (through <see cref="LocalFileSystem.AfterCheck"/>) so that a name, or a directory on the way,
/// becomes a link leading outside the home. Every act must refuse and leave the outside untouched.
/// </summary>
public sealed class LocalFileSystemRaceTests : IDisposable
{
    private static readonly DateTime SecretTime = new(2011, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _outside = new();
    private readonly LocalFileSystem _fs;

    public LocalFileSystemRaceTests()
    {
        _fs = new LocalFileSystem(_root.Path);
        _outside.WriteFile("secret.txt", "outside secret");
        File.SetUnixFileMode(_outside["secret.txt"], (UnixFileMode)0x1A4);
        File.SetLastWriteTimeUtc(_outside["secret.txt"], SecretTime);
        _outside.CreateDirectory("sub");
        _root.WriteFile("x", "mine");
        _root.WriteFile("d/secret.txt", "decoy");
        _root.CreateDirectory("d/sub");
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private static FtpPath P(string text) => FtpPath.Parse(text);

    /// <summary>Runs <paramref name="change"/> at the <paramref name="call"/>-th check (1-based), once.</summary>
    private void ChangeAfterCheck(Action change, int call = 1, LocalFileSystem? fs = null)
    {
        int calls = 0;
        (fs ?? _fs).AfterCheck = () =>
        {
            if (++calls == call)
            {
                change();
            }
        };
    }

    private void SwapFileForLinkOutside(string name) => ChangeAfterCheck(() =>
    {
        File.Move(_root[name], _root[name + ".old"]);
        File.CreateSymbolicLink(_root[name], _outside["secret.txt"]);
    });

    private void SwapDirectoryForLinkOutside(string name, int call = 1) => ChangeAfterCheck(() =>
    {
        Directory.Move(_root[name], _root[name + ".old"]);
        Directory.CreateSymbolicLink(_root[name], _outside.Path);
    }, call);

    private void AssertOutsideUntouched()
    {
        Assert.Equal("outside secret", File.ReadAllText(_outside["secret.txt"]));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(_outside["secret.txt"]));
        Assert.Equal(SecretTime, File.GetLastWriteTimeUtc(_outside["secret.txt"]));
        Assert.True(Directory.Exists(_outside["sub"]));
        Assert.Equal(2, Directory.GetFileSystemEntries(_outside.Path).Length);
    }

    private static async Task<FtpFileSystemError> ErrorOfAsync(Func<Task> action) =>
        (await Assert.ThrowsAsync<FtpFileSystemException>(action)).Error;

    [Fact]
    public async Task Reading_refuses_a_file_swapped_for_a_link_leaving_the_home_after_the_check()
    {
        SwapFileForLinkOutside("x");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.OpenReadAsync(P("/x"), 0, CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Reading_refuses_a_directory_swapped_for_a_link_leaving_the_home_after_the_check()
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.OpenReadAsync(P("/d/secret.txt"), 0, CancellationToken.None).AsTask()));
    }

    [Theory]
    [InlineData(FtpWriteMode.Create)]
    [InlineData(FtpWriteMode.Append)]
    [InlineData(FtpWriteMode.Resume)]
    public async Task Writing_refuses_a_name_swapped_for_a_link_leaving_the_home_and_truncates_nothing(FtpWriteMode mode)
    {
        SwapFileForLinkOutside("x");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.OpenWriteAsync(P("/x"), mode, 0, CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Theory]
    [InlineData(FtpUploadMode.Standard, FtpFileSystemError.NotFound)] // the name is opened without following, then found dangling
    [InlineData(FtpUploadMode.Atomic, FtpFileSystemError.AccessDenied)] // the old file is looked up again, through the planted link
    public async Task Writing_refuses_a_name_swapped_for_a_dangling_link_leaving_the_home_and_creates_nothing(FtpUploadMode uploadMode, FtpFileSystemError expected)
    {
        var fs = new LocalFileSystem(_root.Path, uploadMode);
        ChangeAfterCheck(() =>
        {
            File.Move(_root["x"], _root["x.old"]);
            File.CreateSymbolicLink(_root["x"], _outside["planted.txt"]);
        }, fs: fs);

        Assert.Equal(expected, await ErrorOfAsync(() => fs.OpenWriteAsync(P("/x"), FtpWriteMode.Create, 0, CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Theory]
    [InlineData(FtpWriteMode.Create)]
    [InlineData(FtpWriteMode.CreateNew)]
    [InlineData(FtpWriteMode.Append)]
    public async Task Writing_refuses_a_parent_swapped_for_a_link_leaving_the_home_and_creates_nothing_there(FtpWriteMode mode)
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.OpenWriteAsync(P("/d/planted.txt"), mode, 0, CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Deleting_refuses_a_parent_swapped_for_a_link_leaving_the_home()
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.DeleteFileAsync(P("/d/secret.txt"), CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Making_a_directory_refuses_a_parent_swapped_for_a_link_leaving_the_home()
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.CreateDirectoryAsync(P("/d/planted"), CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Removing_a_directory_refuses_a_parent_swapped_for_a_link_leaving_the_home()
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.DeleteDirectoryAsync(P("/d/sub"), CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Renaming_refuses_a_target_parent_swapped_for_a_link_leaving_the_home()
    {
        SwapDirectoryForLinkOutside("d", call: 2);

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.RenameAsync(P("/x"), P("/d/moved"), CancellationToken.None).AsTask()));
        Assert.Equal("mine", File.ReadAllText(_root["x"]));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Renaming_refuses_a_source_parent_swapped_for_a_link_leaving_the_home()
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.RenameAsync(P("/d/secret.txt"), P("/taken.txt"), CancellationToken.None).AsTask()));
        Assert.False(File.Exists(_root["taken.txt"]));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Setting_the_modification_time_refuses_a_name_swapped_for_a_link_leaving_the_home()
    {
        SwapFileForLinkOutside("x");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() =>
            _fs.SetLastWriteTimeAsync(P("/x"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Setting_the_mode_refuses_a_name_swapped_for_a_link_leaving_the_home()
    {
        SwapFileForLinkOutside("x");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.SetModeAsync(P("/x"), (UnixFileMode)0x1FF, CancellationToken.None).AsTask()));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Listing_refuses_a_directory_swapped_for_a_link_leaving_the_home()
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(async () =>
        {
            await foreach (FtpFileInfo entry in _fs.ListAsync(P("/d"), CancellationToken.None))
            {
                Assert.Fail($"Listed {entry.Name}");
            }
        }));
    }

    [Fact]
    public async Task Listing_shows_a_link_whose_target_directory_is_swapped_after_the_check_as_a_bare_link()
    {
        File.CreateSymbolicLink(_root["l"], "d/secret.txt");
        SwapDirectoryForLinkOutside("d", call: 2); // call 1 is the listed directory, call 2 the link's target

        var listed = new List<FtpFileInfo>();
        await foreach (FtpFileInfo entry in _fs.ListAsync(P("/"), CancellationToken.None))
        {
            listed.Add(entry);
        }

        FtpFileInfo link = Assert.Single(listed, e => e.Name == "l");
        Assert.Equal((string.Empty, 0L), (link.LinkTarget, link.Length));
        Assert.NotEqual(SecretTime, link.LastWriteTimeUtc);
    }

    // ---- links inside the home keep working through handles ----

    [Fact]
    public async Task Describing_refuses_a_name_swapped_for_a_link_leaving_the_home_and_tells_nothing_of_its_target()
    {
        SwapFileForLinkOutside("x");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.GetInfoAsync(P("/x"), CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Describing_refuses_a_directory_swapped_for_a_link_leaving_the_home_and_tells_nothing_of_its_target()
    {
        SwapDirectoryForLinkOutside("d");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.GetInfoAsync(P("/d/secret.txt"), CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Describing_reads_size_time_mode_and_type_of_the_entry_itself()
    {
        var time = new DateTime(2019, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(_root["x"], time);
        File.SetUnixFileMode(_root["x"], (UnixFileMode)0x1E4);

        FtpFileInfo file = Assert.IsType<FtpFileInfo>(await _fs.GetInfoAsync(P("/x"), CancellationToken.None));
        FtpFileInfo directory = Assert.IsType<FtpFileInfo>(await _fs.GetInfoAsync(P("/d"), CancellationToken.None));

        Assert.Equal(("x", false, 4L, time, (UnixFileMode)0x1E4), (file.Name, file.IsDirectory, file.Length, file.LastWriteTimeUtc, file.Mode));
        Assert.Equal(("d", true, 0L), (directory.Name, directory.IsDirectory, directory.Length));
        Assert.Null(await _fs.GetInfoAsync(P("/missing"), CancellationToken.None));
        Assert.Null(await _fs.GetInfoAsync(P("/x/under-a-file"), CancellationToken.None));
    }

    [Fact]
    public async Task Writing_in_place_through_a_link_to_a_file_inside_the_home_replaces_the_target_content()
    {
        File.CreateSymbolicLink(_root["alias"], "x");
        var fs = new LocalFileSystem(_root.Path, FtpUploadMode.Standard);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/alias"), FtpWriteMode.Create, 0, CancellationToken.None))
        {
            await upload.Stream.WriteAsync(Encoding.UTF8.GetBytes("new"));
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal("new", File.ReadAllText(_root["x"]));
        Assert.NotNull(new FileInfo(_root["alias"]).LinkTarget);
    }

    [Fact]
    public async Task An_atomic_upload_to_a_link_inside_the_home_replaces_the_link_and_leaves_its_target_alone()
    {
        File.CreateSymbolicLink(_root["alias"], "x");

        await using (IFtpUpload upload = await _fs.OpenWriteAsync(P("/alias"), FtpWriteMode.Create, 0, CancellationToken.None))
        {
            await upload.Stream.WriteAsync(Encoding.UTF8.GetBytes("new"));
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(("mine", "new"), (File.ReadAllText(_root["x"]), File.ReadAllText(_root["alias"])));
        Assert.Null(new FileInfo(_root["alias"]).LinkTarget);
    }

    [Fact]
    public async Task Setting_mode_and_time_through_a_link_inside_the_home_changes_the_target()
    {
        File.CreateSymbolicLink(_root["alias"], "d/secret.txt");
        var time = new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Utc);

        await _fs.SetModeAsync(P("/alias"), (UnixFileMode)0x180, CancellationToken.None);
        await _fs.SetLastWriteTimeAsync(P("/alias"), time, CancellationToken.None);

        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(_root["d/secret.txt"]));
        Assert.Equal(time, File.GetLastWriteTimeUtc(_root["d/secret.txt"]));
    }

    [Fact]
    public async Task Setting_the_time_of_a_directory_is_read_back()
    {
        var time = new DateTime(2019, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        await _fs.SetLastWriteTimeAsync(P("/d"), time, CancellationToken.None);

        Assert.Equal(time, Directory.GetLastWriteTimeUtc(_root["d"]));
    }
}
