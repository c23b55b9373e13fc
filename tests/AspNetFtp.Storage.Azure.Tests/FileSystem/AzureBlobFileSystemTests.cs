using System.Security.Cryptography;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using static AspNetFtp.Storage.Azure.Tests.Infrastructure.Files;

namespace AspNetFtp.Storage.Azure.Tests.FileSystem;

/// <summary>The file-system semantics on the emulator: keys, directories as prefixes, reads, deletes, stored checksums.</summary>
public sealed class AzureBlobFileSystemTests(AzureTestStore store) : IClassFixture<AzureTestStore>
{
    private readonly string _prefix = "fs-" + Guid.NewGuid().ToString("N")[..8] + "/";

    private IFtpFileSystem Fs(params (string, string?)[] extra) => store.FileSystem(_prefix, "alice", extra);

    private Task PutRawAsync(string key, string content = "x") =>
        store.Container.GetBlobClient(key).UploadAsync(BinaryData.FromString(content), overwrite: true);

    [Fact]
    public async Task The_root_exists_even_with_no_blob_under_the_prefix()
    {
        FtpFileInfo? root = await Fs().GetInfoAsync(P("/"), CancellationToken.None);

        Assert.NotNull(root);
        Assert.True(root.IsDirectory);
        Assert.Empty(await ListAsync(Fs(), "/"));
    }

    [Fact]
    public async Task A_stored_file_is_a_blob_at_the_prefix_plus_its_path_with_length_time_mode_and_etag()
    {
        IFtpFileSystem fs = Fs();
        await fs.CreateDirectoryAsync(P("/docs"), CancellationToken.None);
        await WriteAsync(fs, "/docs/a.txt", Encoding.ASCII.GetBytes("hello"));

        BlobProperties blob = (await store.Container.GetBlobClient(_prefix + "docs/a.txt").GetPropertiesAsync()).Value;
        FtpFileInfo info = (await fs.GetInfoAsync(P("/docs/a.txt"), CancellationToken.None))!;

        Assert.Equal(new FtpFileInfo("a.txt", false, 5, blob.LastModified.UtcDateTime, (UnixFileMode)0b110_100_100, UniqueId: blob.ETag.ToString().Trim('"')), info);
        Assert.Equal(DateTimeKind.Utc, info.LastWriteTimeUtc.Kind);
    }

    [Fact]
    public async Task Mkd_writes_a_zero_byte_marker_and_the_new_directory_lists_empty()
    {
        IFtpFileSystem fs = Fs();
        await fs.CreateDirectoryAsync(P("/new"), CancellationToken.None);

        BlobProperties marker = (await store.Container.GetBlobClient(_prefix + "new/").GetPropertiesAsync()).Value;
        FtpFileInfo info = (await fs.GetInfoAsync(P("/new"), CancellationToken.None))!;

        Assert.Equal(0, marker.ContentLength);
        Assert.Equal(new FtpFileInfo("new", true, 0, marker.LastModified.UtcDateTime, (UnixFileMode)0b111_101_101), info);
        Assert.Empty(await ListAsync(fs, "/new"));
    }

    [Fact]
    public async Task A_directory_made_by_another_tool_exists_without_a_marker_with_the_epoch_as_its_time()
    {
        await PutRawAsync(_prefix + "other/deep/file.txt");

        FtpFileInfo other = (await Fs().GetInfoAsync(P("/other"), CancellationToken.None))!;
        FtpFileInfo deep = (await Fs().GetInfoAsync(P("/other/deep"), CancellationToken.None))!;

        Assert.Equal(new FtpFileInfo("other", true, 0, DateTime.UnixEpoch, (UnixFileMode)0b111_101_101), other);
        Assert.True(deep.IsDirectory);
        Assert.Null(await Fs().GetInfoAsync(P("/oth"), CancellationToken.None));
    }

    [Fact]
    public async Task A_listing_shows_files_and_subdirectories_and_leaves_out_the_marker_and_names_a_client_could_not_name()
    {
        string d = _prefix + "d/";
        foreach (string key in new[] { d, d + "a.txt", d + "sub/b", d + "/empty-segment", d + "cr\rlf", d + "sub2/" })
        {
            await PutRawAsync(key);
        }

        List<FtpFileInfo> entries = await ListAsync(Fs(), "/d");

        Assert.Equal(["a.txt:False", "sub2:True", "sub:True"], entries.Select(e => $"{e.Name}:{e.IsDirectory}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("back\\slash")]
    [InlineData("nul\0")]
    [InlineData("line\nfeed")]
    public void A_name_a_client_could_not_name_again_is_not_listed(string name) =>
        Assert.False(AspNetFtp.Storage.Azure.FileSystem.BlobKeys.IsNameable(name));

    [Fact]
    public async Task Listing_a_missing_directory_is_NotFound_and_listing_a_file_is_NotADirectory()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/file", [1]);

        Assert.Equal(FtpFileSystemError.NotFound, await FailureAsync(() => ListAsync(fs, "/missing")));
        Assert.Equal(FtpFileSystemError.NotADirectory, await FailureAsync(() => ListAsync(fs, "/file")));
    }

    [Fact]
    public async Task A_read_at_an_offset_streams_the_rest_and_at_the_length_nothing()
    {
        IFtpFileSystem fs = Fs();
        byte[] content = Bytes(300_000);
        await WriteAsync(fs, "/r.bin", content);

        Assert.Equal(content, await ReadAsync(fs, "/r.bin"));
        Assert.Equal(content[123_456..], await ReadAsync(fs, "/r.bin", 123_456));
        Assert.Empty(await ReadAsync(fs, "/r.bin", content.Length));
    }

    [Fact]
    public async Task Reading_a_directory_is_NotAFile_and_a_missing_name_NotFound()
    {
        IFtpFileSystem fs = Fs();
        await fs.CreateDirectoryAsync(P("/dir"), CancellationToken.None);

        Assert.Equal(FtpFileSystemError.NotAFile, await FailureAsync(() => ReadAsync(fs, "/dir")));
        Assert.Equal(FtpFileSystemError.NotFound, await FailureAsync(() => ReadAsync(fs, "/nothing")));
    }

    [Fact]
    public async Task Writing_needs_an_existing_parent_and_a_name_that_is_not_a_directory()
    {
        IFtpFileSystem fs = Fs();
        await fs.CreateDirectoryAsync(P("/dir"), CancellationToken.None);
        await WriteAsync(fs, "/taken", [1, 2]);

        Assert.Equal(FtpFileSystemError.NotFound, await FailureAsync(() => WriteAsync(fs, "/no/such/file", [1])));
        Assert.Equal(FtpFileSystemError.NotAFile, await FailureAsync(() => WriteAsync(fs, "/dir", [1])));
        Assert.Equal(FtpFileSystemError.AlreadyExists, await FailureAsync(() => WriteAsync(fs, "/taken", [3], FtpWriteMode.CreateNew)));
        Assert.Equal([1, 2], await ReadAsync(fs, "/taken"));
    }

    [Fact]
    public async Task Mkd_needs_an_existing_parent_and_a_free_name()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/file", [1]);
        await fs.CreateDirectoryAsync(P("/dir"), CancellationToken.None);

        Assert.Equal(FtpFileSystemError.NotFound, await FailureAsync(() => fs.CreateDirectoryAsync(P("/missing/dir"), CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemError.AlreadyExists, await FailureAsync(() => fs.CreateDirectoryAsync(P("/file"), CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemError.AlreadyExists, await FailureAsync(() => fs.CreateDirectoryAsync(P("/dir"), CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Rmd_refuses_the_root_a_missing_name_a_file_and_a_directory_with_entries()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/file", [1]);
        await fs.CreateDirectoryAsync(P("/full"), CancellationToken.None);
        await WriteAsync(fs, "/full/inner", [1]);

        Assert.Equal(FtpFileSystemError.AccessDenied, await FailureAsync(() => fs.DeleteDirectoryAsync(P("/"), CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemError.NotFound, await FailureAsync(() => fs.DeleteDirectoryAsync(P("/missing"), CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemError.NotADirectory, await FailureAsync(() => fs.DeleteDirectoryAsync(P("/file"), CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemError.NotEmpty, await FailureAsync(() => fs.DeleteDirectoryAsync(P("/full"), CancellationToken.None).AsTask()));
        Assert.NotNull(await fs.GetInfoAsync(P("/full/inner"), CancellationToken.None));
    }

    [Fact]
    public async Task Rmd_of_an_empty_directory_deletes_its_marker()
    {
        IFtpFileSystem fs = Fs();
        await fs.CreateDirectoryAsync(P("/empty"), CancellationToken.None);

        await fs.DeleteDirectoryAsync(P("/empty"), CancellationToken.None);

        Assert.Null(await fs.GetInfoAsync(P("/empty"), CancellationToken.None));
        Assert.False((await store.Container.GetBlobClient(_prefix + "empty/").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Dele_deletes_a_file_and_refuses_a_directory_or_a_missing_name()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/gone", [1]);
        await fs.CreateDirectoryAsync(P("/dir"), CancellationToken.None);

        await fs.DeleteFileAsync(P("/gone"), CancellationToken.None);

        Assert.Null(await fs.GetInfoAsync(P("/gone"), CancellationToken.None));
        Assert.Equal(FtpFileSystemError.NotFound, await FailureAsync(() => fs.DeleteFileAsync(P("/gone"), CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemError.NotAFile, await FailureAsync(() => fs.DeleteFileAsync(P("/dir"), CancellationToken.None).AsTask()));
    }

    [Fact]
    public async Task Mfmt_and_chmod_are_not_supported()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/f", [1]);

        Assert.Equal(FtpFileSystemError.NotSupported, await FailureAsync(() => fs.SetLastWriteTimeAsync(P("/f"), DateTime.UtcNow, CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemError.NotSupported, await FailureAsync(() => fs.SetModeAsync(P("/f"), UnixFileMode.UserRead, CancellationToken.None).AsTask()));
        Assert.Equal(FtpFileSystemCapabilities.Rename | FtpFileSystemCapabilities.Append | FtpFileSystemCapabilities.ResumeUpload, fs.Capabilities);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2_500_000)]
    public async Task The_stored_MD5_is_the_md5_of_what_was_uploaded_in_one_put_or_in_blocks(int length)
    {
        IFtpFileSystem fs = Fs();
        byte[] content = Bytes(length);
        await WriteAsync(fs, "/h.bin", content);

        var checksums = (IFtpStoredChecksums)fs;

        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), await checksums.GetStoredChecksumAsync(P("/h.bin"), FtpChecksumAlgorithm.Md5, CancellationToken.None));
        Assert.Null(await checksums.GetStoredChecksumAsync(P("/h.bin"), FtpChecksumAlgorithm.Sha256, CancellationToken.None));
        Assert.Null(await checksums.GetStoredChecksumAsync(P("/h.bin"), FtpChecksumAlgorithm.Crc32, CancellationToken.None));
    }

    [Fact]
    public async Task An_appended_file_has_no_stored_MD5_so_the_engine_computes_it()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/a.bin", Bytes(1000));
        await WriteAsync(fs, "/a.bin", Bytes(10), FtpWriteMode.Append);

        Assert.Null(await ((IFtpStoredChecksums)fs).GetStoredChecksumAsync(P("/a.bin"), FtpChecksumAlgorithm.Md5, CancellationToken.None));
    }

    [Fact]
    public async Task Two_users_with_username_prefixes_never_see_each_others_files()
    {
        string template = _prefix + "{username}";
        IFtpFileSystem alice = store.FileSystem(template, "alice");
        IFtpFileSystem bob = store.FileSystem(template, "bob");
        await WriteAsync(alice, "/secret.txt", [42]);

        Assert.Empty(await ListAsync(bob, "/"));
        Assert.Null(await bob.GetInfoAsync(P("/secret.txt"), CancellationToken.None));
        Assert.True((await store.Container.GetBlobClient(_prefix + "alice/secret.txt").ExistsAsync()).Value);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData(".")]
    public void A_user_name_that_could_leave_its_prefix_gets_no_file_system(string name)
    {
        var ex = Assert.Throws<FtpFileSystemException>(() => store.FileSystem(_prefix + "{username}", name));

        Assert.Equal(FtpFileSystemError.AccessDenied, ex.Error);
    }
}
