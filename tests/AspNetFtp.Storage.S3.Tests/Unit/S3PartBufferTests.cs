using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.S3.Tests.Fakes;
using AspNetFtp.Storage.S3.Uploads;
using AspNetFtp.Testing;
using static AspNetFtp.Storage.S3.Tests.Fakes.FakeS3Store;

namespace AspNetFtp.Storage.S3.Tests.Unit;

/// <summary>
/// An S3 profile's part buffers come from its <see cref="UploadBufferPool"/> (whose own rules are in Protocol.Tests'
/// UploadBufferPoolTests): never more kept than one upload holds.
/// </summary>
public sealed class S3PartBufferTests
{
    [Fact]
    public async Task Two_uploads_at_once_hold_six_part_buffers_and_the_profile_keeps_three_after_them()
    {
        var pool = new UploadBufferPool(keep: 3);
        (S3FileSystem fs, StrictFakeS3 s3) = Create(concurrency: 2, buffers: pool);
        s3.PartGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] data = Bytes(26 * MiB);
        await using IFtpUpload one = await fs.OpenWriteAsync(P("/one.bin"), FtpWriteMode.Create, 0, default);
        await using IFtpUpload two = await fs.OpenWriteAsync(P("/two.bin"), FtpWriteMode.Create, 0, default);
        Task writeOne = one.Stream.WriteAsync(data).AsTask();
        Task writeTwo = two.Stream.WriteAsync(data).AsTask();
        await Eventually.TrueAsync(() => s3.PartsStarted == 4, TimeSpan.FromSeconds(30), "four parts to start");
        Assert.Equal(6, ((S3Upload)one).BuffersHeld + ((S3Upload)two).BuffersHeld);

        s3.PartGate.SetResult();
        await Task.WhenAll(writeOne, writeTwo).WaitAsync(TimeSpan.FromSeconds(30));
        await one.CompleteAsync(default);
        await two.CompleteAsync(default);

        Assert.Equal(data, s3.Content("users/alice/one.bin"));
        Assert.Equal(data, s3.Content("users/alice/two.bin"));
        Assert.Equal(3, pool.Kept);
    }
}
