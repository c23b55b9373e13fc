using System.Text;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Listing;

namespace AspNetFtp.Protocol.Tests.Listing;

public sealed class ListingWriterTests
{
    [Fact]
    public async Task A_listing_the_client_never_reads_fails_as_stalled_after_the_stall_timeout()
    {
        await using var stream = new NeverWritingStream();
        var progress = new TransferProgress("LIST", isUpload: false, TimeSpan.FromMilliseconds(200));
        await using var writer = new ListingWriter(stream, progress);
        await writer.WriteLineAsync("a", CancellationToken.None);

        Task flush = writer.FlushAsync(CancellationToken.None).AsTask();
        Task first = await Task.WhenAny(flush, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.True(first == flush, "the write was still pending 10 s after a 200 ms stall timeout");
        await Assert.ThrowsAsync<TimeoutException>(() => flush);
        Assert.Equal(0, progress.Bytes);
    }

    [Fact]
    public async Task Every_line_is_written_with_its_control_characters_masked()
    {
        using var stream = new MemoryStream();
        await using (var writer = new ListingWriter(stream, new TransferProgress("NLST", isUpload: false)))
        {
            await writer.WriteLineAsync("evil\r\nforged\u001b[0m", CancellationToken.None);
            await writer.FlushAsync(CancellationToken.None);
        }

        Assert.Equal("evil??forged?[0m\r\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>A data connection whose client never reads: every write waits until cancelled.</summary>
    private sealed class NeverWritingStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await Task.Delay(Timeout.Infinite, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
