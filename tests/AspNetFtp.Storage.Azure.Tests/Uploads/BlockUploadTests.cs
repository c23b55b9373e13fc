using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Storage.Azure.Profiles;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using AspNetFtp.Storage.Azure.Uploads;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using static AspNetFtp.Storage.Azure.Tests.Infrastructure.Files;

namespace AspNetFtp.Storage.Azure.Tests.Uploads;

/// <summary>Uploads as staged blocks on the emulator: committed only on completion, bounded memory, append and resume without reading.</summary>
public sealed class BlockUploadTests(AzureTestStore store) : IClassFixture<AzureTestStore>
{
    private const int MiB = 1 << 20;
    private readonly string _prefix = "up-" + Guid.NewGuid().ToString("N")[..8] + "/";

    private IFtpFileSystem Fs(params (string, string?)[] extra) => store.FileSystem(_prefix, "alice", extra);

    private BlockBlobClient Blob(string name) => store.Container.GetBlockBlobClient(_prefix + name);

    private async Task<List<BlobBlock>> CommittedAsync(string name) =>
        [.. (await Blob(name).GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks];

    [Fact]
    public async Task A_multi_block_upload_commits_its_blocks_in_order_with_the_last_one_short()
    {
        byte[] content = Bytes((3 * MiB) + 12345);

        await WriteAsync(Fs(), "/big.bin", content);

        Assert.Equal([MiB, MiB, MiB, 12345], (await CommittedAsync("big.bin")).Select(b => b.SizeLong));
        Assert.Equal(content, await ReadAsync(Fs(), "/big.bin"));
    }

    [Fact]
    public async Task A_file_smaller_than_one_block_is_one_put_with_no_blocks()
    {
        await WriteAsync(Fs(), "/small.txt", Encoding.ASCII.GetBytes("small"));

        Assert.Empty(await CommittedAsync("small.txt"));
        Assert.Equal(Encoding.ASCII.GetBytes("small"), await ReadAsync(Fs(), "/small.txt"));
    }

    [Fact]
    public async Task An_empty_upload_makes_an_empty_file()
    {
        await WriteAsync(Fs(), "/empty", []);

        Assert.Equal(0, (await Fs().GetInfoAsync(P("/empty"), CancellationToken.None))!.Length);
    }

    [Fact]
    public async Task Nothing_is_visible_before_complete_and_the_old_content_stays_until_then()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/doc", [1, 2, 3]);
        byte[] content = Bytes((2 * MiB) + 5);

        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/doc"), FtpWriteMode.Create, 0, CancellationToken.None);
        await upload.Stream.WriteAsync(content);
        Assert.Equal([1, 2, 3], await ReadAsync(fs, "/doc"));
        Assert.Null(await fs.GetInfoAsync(P("/other"), CancellationToken.None));

        await upload.CompleteAsync(CancellationToken.None);
        Assert.Equal(content, await ReadAsync(fs, "/doc"));
    }

    [Fact]
    public async Task An_aborted_upload_leaves_no_blob_and_commits_no_block()
    {
        IFtpFileSystem fs = Fs();
        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/aborted"), FtpWriteMode.Create, 0, CancellationToken.None))
        {
            await upload.Stream.WriteAsync(Bytes((2 * MiB) + 1));
            await upload.AbortAsync(CancellationToken.None);
        }

        Assert.Null(await fs.GetInfoAsync(P("/aborted"), CancellationToken.None));
        Assert.False((await Blob("aborted").ExistsAsync()).Value);
    }

    [Fact]
    public async Task An_aborted_overwrite_leaves_the_previous_blob_untouched()
    {
        IFtpFileSystem fs = Fs();
        byte[] before = Bytes(MiB + 7, seed: 2);
        await WriteAsync(fs, "/keep", before);
        string etag = (await Blob("keep").GetPropertiesAsync()).Value.ETag.ToString();

        IFtpUpload upload = await fs.OpenWriteAsync(P("/keep"), FtpWriteMode.Create, 0, CancellationToken.None);
        await upload.Stream.WriteAsync(Bytes(3 * MiB));
        await upload.DisposeAsync();

        Assert.Equal(etag, (await Blob("keep").GetPropertiesAsync()).Value.ETag.ToString());
        Assert.Equal(before, await ReadAsync(fs, "/keep"));
    }

    [Fact]
    public async Task A_discarded_upload_leaves_no_blob()
    {
        IFtpFileSystem fs = Fs();
        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/discarded"), FtpWriteMode.Create, 0, CancellationToken.None);
        await upload.Stream.WriteAsync(Bytes(MiB + 1));

        await upload.DiscardAsync(CancellationToken.None);

        Assert.False((await Blob("discarded").ExistsAsync()).Value);
    }

    [Fact]
    public async Task An_upload_never_holds_more_than_concurrency_plus_one_blocks()
    {
        IFtpFileSystem fs = Fs(("UploadConcurrency", "2"));
        await using var upload = (BlockUpload)await fs.OpenWriteAsync(P("/bounded"), FtpWriteMode.Create, 0, CancellationToken.None);
        byte[] chunk = Bytes(256 * 1024);
        for (int i = 0; i < 64; i++)
        {
            await upload.Stream.WriteAsync(chunk);
        }

        await upload.CompleteAsync(CancellationToken.None);

        Assert.InRange(upload.PeakBuffersHeld, 1, 3);
        Assert.Equal(16, (await CommittedAsync("bounded")).Count);
    }

    [Fact]
    public async Task Two_uploads_take_their_blocks_from_the_profile_pool_which_keeps_at_most_concurrency_plus_one_after_them()
    {
        var profile = (AzureBlobStorageProfile)store.Profile(_prefix, ("UploadConcurrency", "2"));
        var user = new FtpUser("alice", "/unused", FtpPermissions.All) { StorageProfile = "test" };
        byte[] content = Bytes((5 * MiB) + 3);

        await Task.WhenAll(WriteAsync(profile.Create(user), "/pooled-one.bin", content), WriteAsync(profile.Create(user), "/pooled-two.bin", content));

        Assert.Equal(content, await ReadAsync(Fs(), "/pooled-one.bin"));
        Assert.Equal(content, await ReadAsync(Fs(), "/pooled-two.bin"));
        // Every block buffer went back to the profile's pool (ArrayPool.Shared kept them per thread instead), and the
        // pool kept no more than one upload holds.
        Assert.InRange(profile.Buffers.Kept, 1, 3);
    }

    [Fact]
    public async Task Append_reuses_the_committed_blocks_and_adds_the_new_bytes()
    {
        IFtpFileSystem fs = Fs();
        byte[] first = Bytes((2 * MiB) + 100, seed: 3);
        byte[] more = Bytes(MiB + 50, seed: 4);
        await WriteAsync(fs, "/log", first);
        List<string> before = [.. (await CommittedAsync("log")).Select(b => b.Name)];

        await WriteAsync(fs, "/log", more, FtpWriteMode.Append);

        List<string> after = [.. (await CommittedAsync("log")).Select(b => b.Name)];
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(first.Concat(more).ToArray(), await ReadAsync(fs, "/log"));
    }

    [Fact]
    public async Task Resume_on_a_block_boundary_keeps_the_blocks_before_it()
    {
        IFtpFileSystem fs = Fs();
        byte[] first = Bytes(3 * MiB, seed: 5);
        byte[] rest = Bytes(MiB / 2, seed: 6);
        await WriteAsync(fs, "/resumed", first);
        List<BlobBlock> before = await CommittedAsync("resumed");

        await WriteAsync(fs, "/resumed", rest, FtpWriteMode.Resume, offset: MiB);

        List<BlobBlock> after = await CommittedAsync("resumed");
        Assert.Equal(before[0].Name, after[0].Name);
        Assert.Equal(2, after.Count);
        Assert.Equal(first[..MiB].Concat(rest).ToArray(), await ReadAsync(fs, "/resumed"));
    }

    [Fact]
    public async Task Resume_inside_a_block_copies_the_kept_part_on_the_service()
    {
        IFtpFileSystem fs = Fs();
        byte[] first = Bytes(3 * MiB, seed: 7);
        byte[] rest = Bytes(1000, seed: 8);
        await WriteAsync(fs, "/mid", first);

        await WriteAsync(fs, "/mid", rest, FtpWriteMode.Resume, offset: MiB + (MiB / 2));

        List<BlobBlock> after = await CommittedAsync("mid");
        Assert.Equal([MiB, MiB / 2, 1000], after.Select(b => b.SizeLong));
        Assert.Equal(first[..(MiB + (MiB / 2))].Concat(rest).ToArray(), await ReadAsync(fs, "/mid"));
    }

    [Fact]
    public async Task Append_to_a_blob_put_in_one_request_copies_it_on_the_service()
    {
        IFtpFileSystem fs = Fs();
        await WriteAsync(fs, "/put", "abc"u8.ToArray());

        await WriteAsync(fs, "/put", "def"u8.ToArray(), FtpWriteMode.Append);

        Assert.Equal(Encoding.ASCII.GetBytes("abcdef"), await ReadAsync(fs, "/put"));
    }

    [Fact]
    public async Task Append_to_a_blob_whose_blocks_another_tool_named_copies_them_on_the_service()
    {
        BlockBlobClient blob = Blob("foreign");
        string shortId = Convert.ToBase64String("b1"u8.ToArray());
        await blob.StageBlockAsync(shortId, new MemoryStream("foreign-"u8.ToArray()));
        await blob.CommitBlockListAsync([shortId]);

        await WriteAsync(Fs(), "/foreign", "tail"u8.ToArray(), FtpWriteMode.Append);

        Assert.Equal(Encoding.ASCII.GetBytes("foreign-tail"), await ReadAsync(Fs(), "/foreign"));
    }

    [Fact]
    public async Task Append_to_a_missing_file_creates_it()
    {
        await WriteAsync(Fs(), "/fresh", "new"u8.ToArray(), FtpWriteMode.Append);

        Assert.Equal(Encoding.ASCII.GetBytes("new"), await ReadAsync(Fs(), "/fresh"));
    }

    [Fact]
    public async Task A_resume_whose_blob_another_client_appended_to_meanwhile_fails_unavailable_and_keeps_that_append()
    {
        IFtpFileSystem fs = Fs();
        byte[] first = Bytes(2 * MiB, seed: 9);
        await WriteAsync(fs, "/raced", first);
        IFtpUpload upload = await fs.OpenWriteAsync(P("/raced"), FtpWriteMode.Resume, MiB, CancellationToken.None);
        await upload.Stream.WriteAsync(Bytes(10));
        // Another client appends, keeping the committed blocks the resume reuses.
        BlockBlobClient other = Blob("raced");
        string extra = Convert.ToBase64String(Encoding.ASCII.GetBytes(new string('x', 48)));
        await other.StageBlockAsync(extra, new MemoryStream(Encoding.ASCII.GetBytes("appended")));
        await other.CommitBlockListAsync([.. (await CommittedAsync("raced")).Select(b => b.Name), extra]);

        FtpFileSystemException ex = await Assert.ThrowsAsync<FtpFileSystemException>(() => upload.CompleteAsync(CancellationToken.None).AsTask());

        Assert.Equal(FtpFileSystemError.Unavailable, ex.Error);
        Assert.Equal(first.Concat(Encoding.ASCII.GetBytes("appended")).ToArray(), await ReadAsync(fs, "/raced"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData((2 * MiB) + 1)]
    public async Task Stou_whose_name_was_taken_meanwhile_fails_AlreadyExists_and_keeps_the_other_file(int length)
    {
        IFtpFileSystem fs = Fs();
        IFtpUpload upload = await fs.OpenWriteAsync(P("/unique"), FtpWriteMode.CreateNew, 0, CancellationToken.None);
        await upload.Stream.WriteAsync(Bytes(length));
        await Blob("unique").UploadAsync(new MemoryStream("first"u8.ToArray()));

        FtpFileSystemException ex = await Assert.ThrowsAsync<FtpFileSystemException>(() => upload.CompleteAsync(CancellationToken.None).AsTask());

        Assert.Equal(FtpFileSystemError.AlreadyExists, ex.Error);
        Assert.Equal(Encoding.ASCII.GetBytes("first"), await ReadAsync(fs, "/unique"));
    }
}
