using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Storage;

public sealed class LocalFileSystemTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _outside = new();
    private readonly LocalFileSystem _fs;

    public LocalFileSystemTests() => _fs = new LocalFileSystem(_root.Path);

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private static FtpPath P(string text) => FtpPath.Parse(text);

    private static async Task<List<FtpFileInfo>> ListAllAsync(IFtpFileSystem fs, FtpPath path)
    {
        var entries = new List<FtpFileInfo>();
        await foreach (FtpFileInfo entry in fs.ListAsync(path, CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static async Task<string> ReadAllAsync(IFtpFileSystem fs, FtpPath path, long offset = 0)
    {
        await using Stream stream = await fs.OpenReadAsync(path, offset, CancellationToken.None);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task WriteAsync(IFtpFileSystem fs, FtpPath path, FtpWriteMode mode, long offset, string content)
    {
        await using IFtpUpload upload = await fs.OpenWriteAsync(path, mode, offset, CancellationToken.None);
        await upload.Stream.WriteAsync(Encoding.UTF8.GetBytes(content));
        await upload.CompleteAsync(CancellationToken.None);
    }

    private static async Task<FtpFileSystemError> ErrorOfAsync(Func<Task> action) =>
        (await Assert.ThrowsAsync<FtpFileSystemException>(action)).Error;

    // ---- links that leave the root ----

    [Fact]
    public async Task Reading_through_a_directory_link_to_etc_is_denied()
    {
        File.CreateSymbolicLink(_root["etc"], "/etc");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.OpenReadAsync(P("/etc/hostname"), 0, CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Listing_a_directory_link_to_etc_is_denied()
    {
        File.CreateSymbolicLink(_root["etc"], "/etc");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => ListAllAsync(_fs, P("/etc"))));
    }

    [Fact]
    public async Task Getting_info_for_cwd_through_a_link_to_etc_is_denied()
    {
        File.CreateSymbolicLink(_root["etc"], "/etc");

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.GetInfoAsync(P("/etc"), CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Reading_a_file_link_to_a_file_outside_the_root_is_denied()
    {
        string secret = _outside.WriteFile("secret.txt", "top secret");
        File.CreateSymbolicLink(_root["innocent.txt"], secret);

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.OpenReadAsync(P("/innocent.txt"), 0, CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Writing_through_a_relative_link_that_climbs_out_of_the_root_is_denied()
    {
        File.CreateSymbolicLink(_root["up"], Path.GetRelativePath(_root.Path, _outside.Path));

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => WriteAsync(_fs, P("/up/planted.txt"), FtpWriteMode.Create, 0, "x")));
        Assert.False(File.Exists(_outside["planted.txt"]));
    }

    [Fact]
    public async Task A_listing_shows_a_link_that_leaves_the_root_as_a_bare_link_without_its_target_details()
    {
        File.CreateSymbolicLink(_root["etc"], "/etc");

        FtpFileInfo entry = Assert.Single(await ListAllAsync(_fs, FtpPath.Root));

        Assert.Equal("etc", entry.Name);
        Assert.True(entry.IsSymbolicLink);
        Assert.False(entry.IsDirectory);
    }

    // ---- links that stay inside ----

    [Fact]
    public async Task A_directory_link_inside_the_root_can_be_entered_and_read()
    {
        _root.WriteFile("real/data.txt", "hello");
        Directory.CreateSymbolicLink(_root["alias"], _root["real"]);

        FtpFileInfo? info = await _fs.GetInfoAsync(P("/alias"), CancellationToken.None);

        Assert.NotNull(info);
        Assert.True(info.IsDirectory);
        Assert.Equal("hello", await ReadAllAsync(_fs, P("/alias/data.txt")));
    }

    [Fact]
    public async Task A_relative_file_link_inside_the_root_is_listed_as_its_target()
    {
        _root.WriteFile("target.txt", "12345");
        File.CreateSymbolicLink(_root["link.txt"], "target.txt");

        FtpFileInfo link = Assert.Single(await ListAllAsync(_fs, FtpPath.Root), e => e.Name == "link.txt");

        Assert.False(link.IsSymbolicLink);
        Assert.Equal(5, link.Length);
    }

    [Fact]
    public async Task Deleting_a_link_removes_the_link_and_keeps_the_target()
    {
        string target = _root.WriteFile("target.txt", "keep me");
        File.CreateSymbolicLink(_root["link.txt"], target);

        await _fs.DeleteFileAsync(P("/link.txt"), CancellationToken.None);

        Assert.False(File.Exists(_root["link.txt"]) || new FileInfo(_root["link.txt"]).LinkTarget is not null);
        Assert.Equal("keep me", File.ReadAllText(target));
    }

    [Fact]
    public async Task Deleting_a_link_to_a_file_outside_the_root_removes_only_the_link()
    {
        string secret = _outside.WriteFile("secret.txt", "stay");
        File.CreateSymbolicLink(_root["link.txt"], secret);

        await _fs.DeleteFileAsync(P("/link.txt"), CancellationToken.None);

        Assert.Equal("stay", File.ReadAllText(secret));
    }

    [Fact]
    public async Task Deleting_a_dangling_link_removes_it()
    {
        File.CreateSymbolicLink(_root["dangling"], _root["nowhere"]);

        await _fs.DeleteFileAsync(P("/dangling"), CancellationToken.None);

        Assert.Null(new FileInfo(_root["dangling"]).LinkTarget);
    }

    // ---- writes ----

    [Fact]
    public async Task A_resumed_write_keeps_the_bytes_before_the_offset_and_drops_those_after()
    {
        _root.WriteFile("f.txt", "0123456789");

        await WriteAsync(_fs, P("/f.txt"), FtpWriteMode.Resume, 4, "ab");

        Assert.Equal("0123ab", File.ReadAllText(_root["f.txt"]));
    }

    [Fact]
    public async Task A_resumed_write_beyond_the_end_is_refused()
    {
        _root.WriteFile("f.txt", "0123");

        await ErrorOfAsync(() => WriteAsync(_fs, P("/f.txt"), FtpWriteMode.Resume, 10, "x"));

        Assert.Equal("0123", File.ReadAllText(_root["f.txt"]));
    }

    [Fact]
    public async Task An_append_adds_to_the_end()
    {
        _root.WriteFile("f.txt", "abc");

        await WriteAsync(_fs, P("/f.txt"), FtpWriteMode.Append, 0, "def");

        Assert.Equal("abcdef", File.ReadAllText(_root["f.txt"]));
    }

    [Fact]
    public async Task A_create_truncates_an_existing_file()
    {
        _root.WriteFile("f.txt", "long old content");

        await WriteAsync(_fs, P("/f.txt"), FtpWriteMode.Create, 0, "new");

        Assert.Equal("new", File.ReadAllText(_root["f.txt"]));
    }

    [Fact]
    public async Task Create_new_on_an_existing_file_fails_with_already_exists()
    {
        _root.WriteFile("f.txt", "original");

        Assert.Equal(FtpFileSystemError.AlreadyExists, await ErrorOfAsync(() => WriteAsync(_fs, P("/f.txt"), FtpWriteMode.CreateNew, 0, "x")));
        Assert.Equal("original", File.ReadAllText(_root["f.txt"]));
    }

    [Fact]
    public async Task Opening_a_directory_for_writing_fails_with_not_a_file()
    {
        _root.CreateDirectory("d");

        Assert.Equal(FtpFileSystemError.NotAFile, await ErrorOfAsync(() => WriteAsync(_fs, P("/d"), FtpWriteMode.Create, 0, "x")));
    }

    [Fact]
    public async Task Reading_from_an_offset_skips_the_bytes_before_it()
    {
        _root.WriteFile("f.txt", "0123456789");

        Assert.Equal("6789", await ReadAllAsync(_fs, P("/f.txt"), 6));
    }

    [Fact]
    public async Task Reading_a_missing_file_fails_with_not_found()
    {
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOfAsync(() => _fs.OpenReadAsync(P("/missing"), 0, CancellationToken.None).AsTask()));
    }

    // ---- directories ----

    [Fact]
    public async Task Removing_a_non_empty_directory_fails_with_not_empty()
    {
        _root.WriteFile("d/f.txt", "x");

        Assert.Equal(FtpFileSystemError.NotEmpty, await ErrorOfAsync(() => _fs.DeleteDirectoryAsync(P("/d"), CancellationToken.None).AsTask()));
        Assert.True(File.Exists(_root["d/f.txt"]));
    }

    [Fact]
    public async Task Removing_the_root_is_denied()
    {
        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOfAsync(() => _fs.DeleteDirectoryAsync(FtpPath.Root, CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Removing_a_directory_link_is_refused_and_keeps_the_target()
    {
        _root.WriteFile("real/keep.txt", "x");
        Directory.CreateSymbolicLink(_root["alias"], _root["real"]);

        Assert.Equal(FtpFileSystemError.NotADirectory, await ErrorOfAsync(() => _fs.DeleteDirectoryAsync(P("/alias"), CancellationToken.None).AsTask()));
        Assert.True(File.Exists(_root["real/keep.txt"]));
    }

    [Fact]
    public async Task Making_an_existing_directory_fails_with_already_exists()
    {
        _root.CreateDirectory("d");

        Assert.Equal(FtpFileSystemError.AlreadyExists, await ErrorOfAsync(() => _fs.CreateDirectoryAsync(P("/d"), CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Making_a_directory_in_a_missing_parent_fails_with_not_found()
    {
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOfAsync(() => _fs.CreateDirectoryAsync(P("/no/such"), CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Listing_a_file_fails_with_not_a_directory()
    {
        _root.WriteFile("f.txt", "x");

        Assert.Equal(FtpFileSystemError.NotADirectory, await ErrorOfAsync(() => ListAllAsync(_fs, P("/f.txt"))));
    }

    // ---- rename ----

    [Fact]
    public async Task Renaming_a_directory_into_itself_is_refused()
    {
        _root.CreateDirectory("d");

        Assert.Equal(FtpFileSystemError.InvalidName, await ErrorOfAsync(() => _fs.RenameAsync(P("/d"), P("/d/inner"), CancellationToken.None).AsTask()));
        Assert.True(Directory.Exists(_root["d"]));
    }

    [Fact]
    public async Task Renaming_a_directory_to_a_sibling_with_the_same_prefix_is_allowed()
    {
        _root.CreateDirectory("d");

        await _fs.RenameAsync(P("/d"), P("/d2"), CancellationToken.None);

        Assert.True(Directory.Exists(_root["d2"]));
    }

    [Fact]
    public async Task Renaming_a_file_over_an_existing_file_replaces_it()
    {
        _root.WriteFile("a.txt", "new");
        _root.WriteFile("b.txt", "old");

        await _fs.RenameAsync(P("/a.txt"), P("/b.txt"), CancellationToken.None);

        Assert.Equal("new", File.ReadAllText(_root["b.txt"]));
        Assert.False(File.Exists(_root["a.txt"]));
    }

    [Fact]
    public async Task Renaming_a_missing_file_fails_with_not_found()
    {
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOfAsync(() => _fs.RenameAsync(P("/missing"), P("/x"), CancellationToken.None).AsTask()));
    }

    // ---- metadata ----

    [Fact]
    public async Task Setting_the_modification_time_is_read_back()
    {
        _root.WriteFile("f.txt", "x");
        var time = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

        await _fs.SetLastWriteTimeAsync(P("/f.txt"), time, CancellationToken.None);

        Assert.Equal(time, (await _fs.GetInfoAsync(P("/f.txt"), CancellationToken.None))!.LastWriteTimeUtc);
    }

    [Fact]
    public async Task Info_of_a_missing_path_is_null() =>
        Assert.Null(await _fs.GetInfoAsync(P("/missing"), CancellationToken.None));

    [Fact]
    public async Task The_unique_id_is_stable_and_differs_between_entries()
    {
        _root.WriteFile("a", "x");
        _root.WriteFile("b", "x");

        FtpFileInfo a1 = (await _fs.GetInfoAsync(P("/a"), CancellationToken.None))!;
        FtpFileInfo a2 = (await _fs.GetInfoAsync(P("/a"), CancellationToken.None))!;
        FtpFileInfo b = (await _fs.GetInfoAsync(P("/b"), CancellationToken.None))!;

        Assert.Equal(a1.UniqueId, a2.UniqueId);
        Assert.NotEqual(a1.UniqueId, b.UniqueId);
    }

    [Fact]
    public async Task A_listing_of_100000_entries_streams_every_entry_once()
    {
        const int count = 100_000;
        using TempDirectory big = TempDirectory.InMemoryIfPossible();
        for (int i = 0; i < count; i++)
        {
            File.OpenHandle(big[i.ToString("d6", System.Globalization.CultureInfo.InvariantCulture)], FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite).Dispose();
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        int seen = 0;
        await foreach (FtpFileInfo entry in new LocalFileSystem(big.Path).ListAsync(FtpPath.Root, CancellationToken.None))
        {
            seen++;
            names.Add(entry.Name);
        }

        Assert.Equal(count, seen);
        Assert.Equal(count, names.Count);
    }
}
