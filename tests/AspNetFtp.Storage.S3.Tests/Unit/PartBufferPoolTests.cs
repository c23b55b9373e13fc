using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.S3.Tests.Fakes;
using AspNetFtp.Storage.S3.Uploads;
using AspNetFtp.Testing;
using static AspNetFtp.Storage.S3.Tests.Fakes.FakeS3Store;

namespace AspNetFtp.Storage.S3.Tests.Unit;

/// <summary>A profile's part buffers: reused from one upload to the next, never more kept than one upload holds.</summary>
public sealed class PartBufferPoolTests
{
    [Fact]
    public void A_returned_buffer_is_the_one_the_next_rent_of_its_length_gets()
    {
        var pool = new PartBufferPool(keep: 3);
        byte[] first = pool.Rent(5 * MiB);
        pool.Return(first);

        Assert.Same(first, pool.Rent(5 * MiB));
    }

    [Fact]
    public void Buffers_returned_past_the_limit_are_dropped()
    {
        var pool = new PartBufferPool(keep: 2);
        byte[][] rented = [pool.Rent(1024), pool.Rent(1024), pool.Rent(1024), pool.Rent(1024)];
        foreach (byte[] buffer in rented)
        {
            pool.Return(buffer);
        }

        Assert.Equal(2, pool.Kept);
    }

    [Fact]
    public void A_rent_of_another_length_gets_a_buffer_of_exactly_that_length_and_drops_the_kept_ones()
    {
        var pool = new PartBufferPool(keep: 3);
        pool.Return(pool.Rent(5 * MiB));

        byte[] larger = pool.Rent(6 * MiB);

        Assert.Equal(6 * MiB, larger.Length);
        Assert.Equal(0, pool.Kept);
    }

    [Fact]
    public async Task Two_uploads_at_once_hold_six_part_buffers_and_the_profile_keeps_three_after_them()
    {
        var pool = new PartBufferPool(keep: 3);
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
