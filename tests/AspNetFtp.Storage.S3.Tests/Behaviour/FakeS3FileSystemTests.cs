using Amazon.S3;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.S3.Profiles;
using AspNetFtp.Storage.S3.Tests.Fakes;

namespace AspNetFtp.Storage.S3.Tests.Behaviour;

/// <summary>The shared semantics on the strict fake, plus what only the fake can show (names no emulator stores, call counts).</summary>
public sealed class FakeS3FileSystemTests : S3FileSystemBehaviour
{
    private readonly StrictFakeS3 _s3 = new();

    private protected override IAmazonS3 Client => _s3;

    private protected override S3ProfileOptions Options => new() { ProfileName = "fake", Bucket = _s3.Bucket, PartSize = 5 * MiB };

    [Fact]
    public Task Renaming_a_file_copies_it_to_the_new_key_and_deletes_the_old() => RenamingAFileCopiesItAndDeletesTheOld();

    [Fact]
    public Task Renaming_onto_an_existing_file_replaces_it() => RenamingOntoAnExistingFileReplacesIt();

    [Fact]
    public Task With_AllowDirectoryRename_a_directory_and_everything_under_it_move() => WithAllowDirectoryRenameEverythingUnderTheDirectoryMoves();

    [Fact]
    public async Task Renaming_a_file_over_five_GiB_is_a_multipart_copy_of_parts()
    {
        // The limits are lowered so the copy path runs on small objects; the fake still enforces the 5 MiB minimum.
        byte[] data = Bytes(13 * MiB);
        await PutAsync("big", data);
        S3FileSystem fs = new(_s3, Options, Prefix, new UploadBufferPool(Options.UploadConcurrency + 1), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
        {
            SingleCopyLimit = 10 * MiB,
            CopyPartSize = 8 * MiB,
        };

        await fs.RenameAsync(P("/big"), P("/moved"), default);

        Assert.Equal(data, await GetAsync("moved"));
        Assert.Null(await GetAsync("big"));
        Assert.DoesNotContain("CopyObject", _s3.Calls);
        Assert.Equal(2, _s3.Calls.Count(c => c == "UploadPartCopy"));
        Assert.Empty(_s3.OpenUploads);
    }

    [Fact]
    public async Task A_listing_leaves_out_names_a_client_could_not_name_again()
    {
        foreach (string name in new[] { "ok", ".", "..", "back\\slash", "line\nfeed", "carriage\rreturn", "nul\0", new string('n', 256) })
        {
            await PutAsync("d/" + name, [1]);
        }

        await PutAsync("d//empty-segment", [1]);
        await PutAsync("d/.././up", [1]);

        List<FtpFileInfo> entries = await ListAsync(Fs(), "/d");

        Assert.Equal(["ok"], entries.Select(e => e.Name));
    }

    [Fact]
    public async Task A_listing_is_streamed_one_page_at_a_time()
    {
        for (int i = 0; i < 12; i++)
        {
            await PutAsync($"f{i:D2}", [1]);
        }

        int listCallsBefore = _s3.Calls.Count(c => c == "ListObjectsV2");
        await using IAsyncEnumerator<FtpFileInfo> entries = Fs(pageSize: 5).ListAsync(P("/"), default).GetAsyncEnumerator();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(await entries.MoveNextAsync());
        }

        // Five entries out, one page fetched (the root needs no existence check).
        Assert.Equal(1, _s3.Calls.Count(c => c == "ListObjectsV2") - listCallsBefore);
        Assert.True(await entries.MoveNextAsync());
        Assert.Equal(2, _s3.Calls.Count(c => c == "ListObjectsV2") - listCallsBefore);
    }

    [Fact]
    public async Task A_directorys_time_is_its_markers_time()
    {
        await Fs().CreateDirectoryAsync(P("/d"), default);
        await PutAsync("d/x", [1]);
        FtpFileInfo? info = await Fs().GetInfoAsync(P("/d"), default);
        Assert.InRange(info!.LastWriteTimeUtc, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Stor_to_a_missing_parent_never_starts_an_upload()
    {
        await Assert.ThrowsAsync<FtpFileSystemException>(() => Fs().OpenWriteAsync(P("/x/f"), FtpWriteMode.Create, 0, default).AsTask());
        Assert.DoesNotContain("CreateMultipartUpload", _s3.Calls);
        Assert.DoesNotContain("PutObject", _s3.Calls);
    }
}
