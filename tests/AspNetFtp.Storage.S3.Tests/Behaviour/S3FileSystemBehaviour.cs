using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.S3.Profiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.S3.Tests.Behaviour;

/// <summary>
/// The file-system semantics of the S3 storage, run against the strict fake and against the real emulator (one
/// subclass each). Each instance works under its own random prefix.
/// </summary>
public abstract partial class S3FileSystemBehaviour
{
    private protected const int MiB = 1 << 20;

    private protected abstract IAmazonS3 Client { get; }

    /// <summary>The profile's options (bucket, emulator switches) every file system here starts from.</summary>
    private protected abstract S3ProfileOptions Options { get; }

    private protected string Prefix { get; } = "t-" + Guid.NewGuid().ToString("N")[..12] + "/";

    private protected S3FileSystem Fs(int pageSize = 1000, bool allowDirectoryRename = false, string? prefix = null) =>
        new(Client, Options with { AllowDirectoryRename = allowDirectoryRename }, prefix ?? Prefix, new UploadBufferPool(Options.UploadConcurrency + 1), NullLogger.Instance) { ListPageSize = pageSize };

    private protected static FtpPath P(string path) => FtpPath.Parse(path);

    private protected async Task PutAsync(string relativeKey, byte[] data)
    {
        using var content = new MemoryStream(data);
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Options.Bucket,
            Key = Prefix + relativeKey,
            InputStream = content,
            UseChunkEncoding = Options.UseChunkEncoding,
        });
    }

    private protected async Task<byte[]?> GetAsync(string relativeKey)
    {
        try
        {
            using GetObjectResponse response = await Client.GetObjectAsync(Options.Bucket, Prefix + relativeKey);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private protected static byte[] Bytes(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    private protected static async Task<List<FtpFileInfo>> ListAsync(S3FileSystem fs, string path)
    {
        List<FtpFileInfo> entries = [];
        await foreach (FtpFileInfo entry in fs.ListAsync(P(path), default))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private protected static async Task WriteFileAsync(S3FileSystem fs, string path, byte[] data, FtpWriteMode mode = FtpWriteMode.Create, long offset = 0)
    {
        await using IFtpUpload upload = await fs.OpenWriteAsync(P(path), mode, offset, default);
        await upload.Stream.WriteAsync(data);
        await upload.CompleteAsync(default);
    }

    private protected static async Task<FtpFileSystemError> ErrorOf(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<FtpFileSystemException>(action);
        return error.Error;
    }

    [Fact]
    public async Task The_root_is_a_directory_even_with_no_object_under_the_prefix()
    {
        FtpFileInfo? root = await Fs().GetInfoAsync(FtpPath.Root, default);
        Assert.NotNull(root);
        Assert.True(root.IsDirectory);
        Assert.Empty(await ListAsync(Fs(), "/"));
    }

    [Fact]
    public async Task An_object_is_a_file_with_its_length_a_UTC_time_mode_0644_and_its_ETag_as_unique_id()
    {
        await PutAsync("f.txt", Bytes(1234));
        FtpFileInfo? info = await Fs().GetInfoAsync(P("/f.txt"), default);

        Assert.NotNull(info);
        Assert.False(info.IsDirectory);
        Assert.Equal(1234, info.Length);
        Assert.Equal("f.txt", info.Name);
        Assert.Equal(DateTimeKind.Utc, info.LastWriteTimeUtc.Kind);
        Assert.InRange(info.LastWriteTimeUtc, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddHours(1));
        Assert.Equal((UnixFileMode)0b110_100_100, info.Mode);
        Assert.False(string.IsNullOrEmpty(info.UniqueId));
        Assert.DoesNotContain('"', info.UniqueId);
    }

    [Fact]
    public async Task A_directory_exists_implicitly_when_another_tool_put_an_object_under_it()
    {
        await PutAsync("a/b/c.txt", Bytes(3));
        FtpFileInfo? a = await Fs().GetInfoAsync(P("/a"), default);
        FtpFileInfo? b = await Fs().GetInfoAsync(P("/a/b"), default);

        Assert.True(a is { IsDirectory: true });
        Assert.True(b is { IsDirectory: true });
        Assert.Equal(DateTime.UnixEpoch, a.LastWriteTimeUtc);
        Assert.Equal((UnixFileMode)0b111_101_101, a.Mode);
        Assert.Null(await Fs().GetInfoAsync(P("/a/b/c"), default));
        Assert.Null(await Fs().GetInfoAsync(P("/nothing"), default));
    }

    [Fact]
    public async Task Mkd_writes_a_marker_object_and_the_new_directory_lists_empty()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);

        Assert.Equal(Array.Empty<byte>(), await GetAsync("d/"));
        FtpFileInfo? info = await Fs().GetInfoAsync(P("/d"), default);
        Assert.True(info is { IsDirectory: true });
        Assert.NotEqual(DateTime.UnixEpoch, info.LastWriteTimeUtc);
        Assert.Empty(await ListAsync(Fs(), "/d"));
        Assert.Equal(["d"], (await ListAsync(Fs(), "/")).Select(e => e.Name));
    }

    [Fact]
    public async Task Mkd_of_an_existing_name_is_AlreadyExists_and_without_its_parent_is_NotFound()
    {
        await PutAsync("f", Bytes(1));
        await Fs().CreateDirectoryAsync(P("/d"), default);

        Assert.Equal(FtpFileSystemError.AlreadyExists, await ErrorOf(() => Fs().CreateDirectoryAsync(P("/d"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.AlreadyExists, await ErrorOf(() => Fs().CreateDirectoryAsync(P("/f"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().CreateDirectoryAsync(P("/x/y"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().CreateDirectoryAsync(P("/f/y"), default).AsTask()));
    }

    [Fact]
    public async Task A_listing_has_files_with_sizes_and_directories_and_leaves_out_the_directorys_own_marker()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        await PutAsync("d/one.txt", Bytes(10));
        await PutAsync("d/two.txt", Bytes(20));
        await PutAsync("d/sub/deep.txt", Bytes(30));

        List<FtpFileInfo> entries = await ListAsync(Fs(), "/d");

        Assert.Equal(["one.txt", "sub", "two.txt"], entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(10, entries.Single(e => e.Name == "one.txt").Length);
        Assert.True(entries.Single(e => e.Name == "sub").IsDirectory);
        Assert.False(entries.Single(e => e.Name == "two.txt").IsDirectory);
    }

    [Fact]
    public async Task A_listing_longer_than_a_page_returns_every_entry_once()
    {
        for (int i = 0; i < 23; i++)
        {
            await PutAsync($"many/f{i:D2}", Bytes(1));
        }

        for (int i = 0; i < 4; i++)
        {
            await PutAsync($"many/d{i}/x", Bytes(1));
        }

        List<FtpFileInfo> entries = await ListAsync(Fs(pageSize: 5), "/many");

        Assert.Equal(27, entries.Count);
        Assert.Equal(27, entries.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public async Task Listing_a_missing_directory_is_NotFound_and_a_file_is_NotADirectory()
    {
        await PutAsync("f", Bytes(1));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => ListAsync(Fs(), "/missing")));
        Assert.Equal(FtpFileSystemError.NotADirectory, await ErrorOf(() => ListAsync(Fs(), "/f")));
    }

    [Fact]
    public async Task A_read_at_an_offset_streams_the_rest_and_at_the_end_is_empty()
    {
        byte[] data = Bytes(5000);
        await PutAsync("f", data);

        Assert.Equal(data, await ReadAllAsync(await Fs().OpenReadAsync(P("/f"), 0, default)));
        Assert.Equal(data[1234..], await ReadAllAsync(await Fs().OpenReadAsync(P("/f"), 1234, default)));
        Assert.Empty(await ReadAllAsync(await Fs().OpenReadAsync(P("/f"), 5000, default)));
    }

    [Fact]
    public async Task Reading_a_directory_is_NotAFile_and_a_missing_file_NotFound()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        Assert.Equal(FtpFileSystemError.NotAFile, await ErrorOf(() => Fs().OpenReadAsync(P("/d"), 0, default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().OpenReadAsync(P("/nope"), 0, default).AsTask()));
    }

    [Fact]
    public async Task A_written_file_reads_back_byte_for_byte()
    {
        byte[] data = Bytes(12 * MiB + 17);
        await WriteFileAsync(Fs(), "/big.bin", data);
        Assert.Equal(data, await GetAsync("big.bin"));
        Assert.Equal(data.Length, (await Fs().GetInfoAsync(P("/big.bin"), default))!.Length);
    }

    [Fact]
    public async Task A_write_needs_its_parent_directory_and_cannot_replace_a_directory()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().OpenWriteAsync(P("/x/f"), FtpWriteMode.Create, 0, default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotAFile, await ErrorOf(() => Fs().OpenWriteAsync(P("/d"), FtpWriteMode.Create, 0, default).AsTask()));
    }

    [Fact]
    public async Task Stou_on_an_existing_name_is_AlreadyExists()
    {
        await PutAsync("f", Bytes(1));
        Assert.Equal(FtpFileSystemError.AlreadyExists, await ErrorOf(() => Fs().OpenWriteAsync(P("/f"), FtpWriteMode.CreateNew, 0, default).AsTask()));
    }

    [Fact]
    public async Task Append_to_a_small_file_adds_the_bytes_at_its_end()
    {
        await PutAsync("f", [1, 2, 3]);
        await WriteFileAsync(Fs(), "/f", [4, 5], FtpWriteMode.Append);
        Assert.Equal([1, 2, 3, 4, 5], await GetAsync("f"));
    }

    [Fact]
    public async Task Resume_keeps_the_bytes_before_the_offset_and_replaces_the_rest()
    {
        await PutAsync("f", [1, 2, 3, 4, 5]);
        await WriteFileAsync(Fs(), "/f", [9, 9, 9], FtpWriteMode.Resume, 2);
        Assert.Equal([1, 2, 9, 9, 9], await GetAsync("f"));
    }

    [Fact]
    public async Task Deleting_a_file_removes_its_object_and_a_missing_file_is_NotFound()
    {
        await PutAsync("f", Bytes(1));
        await Fs().DeleteFileAsync(P("/f"), default);
        Assert.Null(await GetAsync("f"));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().DeleteFileAsync(P("/f"), default).AsTask()));
    }

    [Fact]
    public async Task Rmd_refuses_the_root_a_missing_name_a_file_and_a_directory_with_entries()
    {
        await PutAsync("f", Bytes(1));
        await Fs().CreateDirectoryAsync(P("/full"), default);
        await PutAsync("full/x", Bytes(1));

        Assert.Equal(FtpFileSystemError.AccessDenied, await ErrorOf(() => Fs().DeleteDirectoryAsync(FtpPath.Root, default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotFound, await ErrorOf(() => Fs().DeleteDirectoryAsync(P("/none"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotADirectory, await ErrorOf(() => Fs().DeleteDirectoryAsync(P("/f"), default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotEmpty, await ErrorOf(() => Fs().DeleteDirectoryAsync(P("/full"), default).AsTask()));
        Assert.NotNull(await GetAsync("full/"));
    }

    [Fact]
    public async Task Rmd_of_an_empty_directory_removes_its_marker()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        await Fs().DeleteDirectoryAsync(P("/d"), default);
        Assert.Null(await Fs().GetInfoAsync(P("/d"), default));
        Assert.Null(await GetAsync("d/"));
    }

    [Fact]
    public async Task Renaming_a_directory_is_refused_with_its_own_sentence_unless_the_profile_allows_it()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        var error = await Assert.ThrowsAsync<FtpFileSystemException>(() => Fs().RenameAsync(P("/d"), P("/e"), default).AsTask());
        Assert.Equal(FtpFileSystemError.AccessDenied, error.Error);
        Assert.Equal("Renaming a directory is not supported on this storage.", error.ClientReason);
    }

    [Fact]
    public async Task Mfmt_and_chmod_are_not_supported_and_not_announced()
    {
        await PutAsync("f", Bytes(1));
        Assert.Equal(FtpFileSystemError.NotSupported, await ErrorOf(() => Fs().SetLastWriteTimeAsync(P("/f"), DateTime.UtcNow, default).AsTask()));
        Assert.Equal(FtpFileSystemError.NotSupported, await ErrorOf(() => Fs().SetModeAsync(P("/f"), UnixFileMode.UserRead, default).AsTask()));
        Assert.Equal(
            FtpFileSystemCapabilities.Rename | FtpFileSystemCapabilities.Append | FtpFileSystemCapabilities.ResumeUpload,
            Fs().Capabilities);
    }

    [Fact]
    public async Task Two_users_with_their_own_prefixes_never_see_each_others_objects()
    {
        S3FileSystem alice = Fs(prefix: Prefix + "alice/");
        S3FileSystem bob = Fs(prefix: Prefix + "bob/");
        await WriteFileAsync(alice, "/secret.txt", [1]);

        Assert.Null(await bob.GetInfoAsync(P("/secret.txt"), default));
        Assert.Empty(await ListAsync(bob, "/"));
        Assert.Equal(["secret.txt"], (await ListAsync(alice, "/")).Select(e => e.Name));
    }
}
