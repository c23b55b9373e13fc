using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.S3.Tests.Fakes;
using AspNetFtp.Testing;
using static AspNetFtp.Storage.S3.Tests.Fakes.FakeS3Store;

namespace AspNetFtp.Storage.S3.Tests.Unit;

/// <summary>The multipart upload logic against the strict fake, which enforces AWS's part rules.</summary>
public sealed class S3UploadTests
{
    private const string Key = "users/alice/f.bin";

    [Fact]
    public async Task A_17_MiB_upload_with_5_MiB_parts_is_four_parts_the_last_small()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] data = Bytes(17 * MiB);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default))
        {
            await WriteInChunksAsync(upload.Stream, data, 64 * 1024);
            await upload.CompleteAsync(default);
        }

        Assert.Equal(data, s3.Content(Key));
        Assert.Equal([5L * MiB, 5L * MiB, 5L * MiB, 2L * MiB], s3.LastCompletedPartSizes);
        Assert.Empty(s3.OpenUploads);
    }

    [Fact]
    public async Task An_upload_of_exactly_two_parts_sends_no_empty_last_part()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] data = Bytes(10 * MiB);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default))
        {
            await upload.Stream.WriteAsync(data);
            await upload.CompleteAsync(default);
        }

        Assert.Equal(data, s3.Content(Key));
        Assert.Equal([5L * MiB, 5L * MiB], s3.LastCompletedPartSizes);
    }

    [Fact]
    public async Task A_file_smaller_than_one_part_is_one_PutObject_at_completion_and_no_multipart_upload()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] data = Bytes(1000);

        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default);
        await upload.Stream.WriteAsync(data);
        Assert.Null(s3.Content(Key));
        await upload.CompleteAsync(default);

        Assert.Equal(data, s3.Content(Key));
        Assert.DoesNotContain("CreateMultipartUpload", s3.Calls);
        Assert.Equal(1, s3.Calls.Count(c => c == "PutObject"));
    }

    [Fact]
    public async Task An_empty_upload_makes_an_empty_object()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default);
        await upload.CompleteAsync(default);
        Assert.Equal(Array.Empty<byte>(), s3.Content(Key));
    }

    [Fact]
    public async Task An_aborted_upload_leaves_no_object_no_open_upload_and_the_previous_object_untouched()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] before = Bytes(100, seed: 9);
        s3.Seed(Key, before);

        IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default);
        await upload.Stream.WriteAsync(Bytes(12 * MiB));
        Assert.Single(s3.OpenUploads);
        await upload.AbortAsync(default);
        await upload.DisposeAsync();

        Assert.Equal(0, ((Uploads.S3Upload)upload).BuffersHeld);
        Assert.Empty(s3.OpenUploads);
        Assert.Equal(before, s3.Content(Key));
        Assert.Contains("AbortMultipartUpload", s3.Calls);
    }

    [Fact]
    public async Task An_upload_aborted_while_the_store_opens_its_multipart_upload_aborts_that_upload_once_the_store_answers()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.InitiateGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default);
        using var transfer = new CancellationTokenSource();

        // Bytes past the first part send it, and sending the first part opens the multipart upload.
        Task write = upload.Stream.WriteAsync(Bytes(6 * MiB), transfer.Token).AsTask();
        await Eventually.TrueAsync(() => s3.OpenUploads.Count == 1, TimeSpan.FromSeconds(30), "the store to open the multipart upload");
        await transfer.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Task abort = upload.AbortAsync(default).AsTask();
        s3.InitiateGate.SetResult();
        await abort.WaitAsync(TimeSpan.FromSeconds(30));
        await upload.DisposeAsync();

        Assert.Empty(s3.OpenUploads);
        Assert.Contains("AbortMultipartUpload", s3.Calls);
    }

    [Fact]
    public async Task Disposing_an_upload_without_completing_it_aborts_it()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        IFtpUpload upload = await fs.OpenWriteAsync(P("/new.bin"), FtpWriteMode.Create, 0, default);
        await upload.Stream.WriteAsync(Bytes(11 * MiB));
        await upload.DisposeAsync();

        Assert.Empty(s3.OpenUploads);
        Assert.Null(s3.Content("users/alice/new.bin"));
    }

    [Fact]
    public async Task A_discarded_upload_leaves_nothing_on_the_store()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/new.bin"), FtpWriteMode.Create, 0, default);
        await upload.Stream.WriteAsync(Bytes(11 * MiB));
        await upload.DiscardAsync(default);

        Assert.Empty(s3.OpenUploads);
        Assert.Empty(s3.Keys);
    }

    [Fact]
    public async Task At_most_UploadConcurrency_parts_are_in_flight_and_the_writer_waits_for_a_free_slot()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create(concurrency: 2);
        s3.PartGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] data = Bytes(26 * MiB);
        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default);

        // Two full parts go out; the third full part waits for a slot, so the write cannot finish.
        Task write = upload.Stream.WriteAsync(data).AsTask();
        await Eventually.TrueAsync(() => s3.PartsStarted == 2, TimeSpan.FromSeconds(30), "two parts to start");
        Assert.False(write.IsCompleted);
        Assert.Equal(2, s3.MaxPartsInFlight);

        // Memory: the two parts in flight and the full one waiting, UploadConcurrency + 1, whatever is still to come.
        Assert.Equal(3, ((Uploads.S3Upload)upload).BuffersHeld);

        s3.PartGate.SetResult();
        await write.WaitAsync(TimeSpan.FromSeconds(30));
        await upload.CompleteAsync(default);

        Assert.Equal(data, s3.Content(Key));
        Assert.Equal(2, s3.MaxPartsInFlight);
        Assert.Equal(0, ((Uploads.S3Upload)upload).BuffersHeld);
    }

    [Fact]
    public async Task A_failed_part_fails_the_next_write_with_Unavailable()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create(concurrency: 1);
        s3.Fail = op => op == "UploadPart" ? StrictFakeS3.Error("InternalError", HttpStatusCode.InternalServerError) : null;
        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default);

        var error = await Assert.ThrowsAsync<FtpFileSystemException>(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                await upload.Stream.WriteAsync(Bytes(5 * MiB));
            }
        });

        Assert.Equal(FtpFileSystemError.Unavailable, error.Error);
        await upload.AbortAsync(default);
        Assert.Empty(s3.OpenUploads);
    }

    [Fact]
    public async Task A_failed_complete_aborts_the_upload_and_reports_Unavailable()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Fail = op => op == "CompleteMultipartUpload" ? StrictFakeS3.Error("InternalError", HttpStatusCode.InternalServerError) : null;
        IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Create, 0, default);
        await upload.Stream.WriteAsync(Bytes(7 * MiB));

        var error = await Assert.ThrowsAsync<FtpFileSystemException>(async () => await upload.CompleteAsync(default));
        await upload.DisposeAsync();

        Assert.Equal(FtpFileSystemError.Unavailable, error.Error);
        Assert.Empty(s3.OpenUploads);
        Assert.Null(s3.Content(Key));
    }

    [Fact]
    public async Task Append_to_an_object_of_five_MiB_or_more_copies_it_server_side_without_reading_it()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] existing = Bytes(6 * MiB, seed: 2);
        byte[] added = Bytes(3 * MiB, seed: 3);
        s3.Seed(Key, existing);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Append, 0, default))
        {
            await upload.Stream.WriteAsync(added);
            await upload.CompleteAsync(default);
        }

        Assert.Equal((byte[])[.. existing, .. added], s3.Content(Key));
        Assert.Equal(0, s3.BytesRead);
        Assert.Contains("UploadPartCopy", s3.Calls);
        Assert.Equal([6L * MiB, 3L * MiB], s3.LastCompletedPartSizes);
    }

    [Fact]
    public async Task Resume_at_five_MiB_or_more_keeps_the_first_bytes_by_copy_and_replaces_the_rest()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] existing = Bytes(9 * MiB, seed: 4);
        byte[] tail = Bytes(2 * MiB, seed: 5);
        s3.Seed(Key, existing);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Resume, 7 * MiB, default))
        {
            await upload.Stream.WriteAsync(tail);
            await upload.CompleteAsync(default);
        }

        Assert.Equal((byte[])[.. existing[..(7 * MiB)], .. tail], s3.Content(Key));
        Assert.Equal(0, s3.BytesRead);
    }

    [Fact]
    public async Task Append_with_no_new_bytes_to_a_large_object_leaves_it_equal()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] existing = Bytes(5 * MiB, seed: 6);
        s3.Seed(Key, existing);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Append, 0, default))
        {
            await upload.CompleteAsync(default);
        }

        Assert.Equal(existing, s3.Content(Key));
    }

    [Fact]
    public async Task Resume_below_five_MiB_reads_only_the_kept_bytes_into_the_first_part()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] existing = Bytes(3 * MiB, seed: 7);
        byte[] tail = Bytes(8 * MiB, seed: 8);
        s3.Seed(Key, existing);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Resume, 1 * MiB, default))
        {
            await upload.Stream.WriteAsync(tail);
            await upload.CompleteAsync(default);
        }

        Assert.Equal((byte[])[.. existing[..MiB], .. tail], s3.Content(Key));
        Assert.Equal(1 * MiB, s3.BytesRead);
        Assert.DoesNotContain("UploadPartCopy", s3.Calls);
    }

    [Fact]
    public async Task An_aborted_append_leaves_the_existing_object_as_it_was_and_no_upload()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] existing = Bytes(6 * MiB, seed: 2);
        s3.Seed(Key, existing);

        await using (IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Append, 0, default))
        {
            await upload.Stream.WriteAsync(Bytes(6 * MiB));
            await upload.AbortAsync(default);
        }

        Assert.Equal(existing, s3.Content(Key));
        Assert.Empty(s3.OpenUploads);
    }

    [Fact]
    public async Task Append_fails_as_Unavailable_when_the_object_changed_since_it_was_checked()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Seed(Key, Bytes(6 * MiB, seed: 2));
        await using IFtpUpload upload = await fs.OpenWriteAsync(P("/f.bin"), FtpWriteMode.Append, 0, default);
        s3.Seed(Key, Bytes(6 * MiB, seed: 3));

        var error = await Assert.ThrowsAsync<FtpFileSystemException>(async () => await upload.CompleteAsync(default));
        Assert.Equal(FtpFileSystemError.Unavailable, error.Error);
        Assert.Empty(s3.OpenUploads);
    }

    internal static async Task WriteInChunksAsync(Stream stream, byte[] data, int chunk)
    {
        for (int offset = 0; offset < data.Length; offset += chunk)
        {
            await stream.WriteAsync(data.AsMemory(offset, Math.Min(chunk, data.Length - offset)));
        }
    }
}
