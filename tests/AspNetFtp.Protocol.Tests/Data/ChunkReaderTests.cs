using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Tests.Data;

public sealed class ChunkReaderTests
{
    /// <summary>A network stream as a TLS stream looks from above: at most one 16 KiB record per read, then an optional failure.</summary>
    private sealed class RecordStream(byte[] content, int recordSize, Exception? failAtEnd = null) : Stream
    {
        private int _position;

        public int Reads { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the pump reads a network stream asynchronously");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            if (_position == content.Length && failAtEnd is not null)
            {
                return ValueTask.FromException<int>(failAtEnd);
            }

            int n = Math.Min(Math.Min(recordSize, buffer.Length), content.Length - _position);
            content.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return ValueTask.FromResult(n);
        }
    }

    /// <summary>Counts the writes it gets and keeps what they carried.</summary>
    private sealed class CountingSink : Stream
    {
        public MemoryStream Received { get; } = new();
        public int Writes { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Received.Length;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            Received.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }

    private static byte[] Content(int length)
    {
        byte[] content = new byte[length];
        new Random(7).NextBytes(content);
        return content;
    }

    [Fact]
    public async Task A_binary_copy_gathers_16_KiB_records_into_writes_of_at_least_half_a_buffer()
    {
        byte[] content = Content(2 * 1024 * 1024);
        var source = new RecordStream(content, 16 * 1024);
        var sink = new CountingSink();

        long copied = await TransferPump.CopyAsync(source, sink, LineEndingConversion.None, TimeSpan.FromMinutes(1),
            new TransferProgress("STOR", isUpload: true), CancellationToken.None);

        Assert.Equal(content.Length, copied);
        Assert.Equal(content, sink.Received.ToArray());
        Assert.Equal(content.Length / ChunkReader.FillTarget, sink.Writes);
    }

    [Fact]
    public async Task Bytes_that_arrived_before_the_connection_broke_are_returned_and_the_break_comes_with_the_next_read()
    {
        byte[] content = Content(40 * 1024);
        var broken = new IOException("connection reset");
        var source = new RecordStream(content, 16 * 1024, broken);
        using var stall = new CancellationTokenSource();
        var reader = new ChunkReader(source, stall, TimeSpan.FromMinutes(1));
        byte[] buffer = new byte[TransferPump.BufferSize];

        int first = await reader.ReadAsync(buffer);

        Assert.Equal(content.Length, first);
        Assert.Equal(content, buffer.AsSpan(0, first).ToArray());
        IOException thrown = await Assert.ThrowsAsync<IOException>(async () => await reader.ReadAsync(buffer));
        Assert.Same(broken, thrown);
    }

    [Fact]
    public async Task A_copy_whose_connection_broke_writes_what_arrived_before_failing()
    {
        byte[] content = Content(40 * 1024);
        var source = new RecordStream(content, 16 * 1024, new IOException("connection reset"));
        var sink = new CountingSink();

        await Assert.ThrowsAsync<IOException>(() => TransferPump.CopyAsync(source, sink, LineEndingConversion.None,
            TimeSpan.FromMinutes(1), new TransferProgress("STOR", isUpload: true), CancellationToken.None));

        Assert.Equal(content, sink.Received.ToArray());
    }

    /// <summary>Hands out a few records, then waits at the next read until released (end of stream).</summary>
    private sealed class PausingStream(byte[] content, int recordSize) : Stream
    {
        private readonly TaskCompletionSource<int> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void End() => _release.TrySetResult(0);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == content.Length)
            {
                Waiting.TrySetResult();
                return new ValueTask<int>(_release.Task.WaitAsync(cancellationToken));
            }

            int n = Math.Min(Math.Min(recordSize, buffer.Length), content.Length - _position);
            content.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return ValueTask.FromResult(n);
        }
    }

    [Fact]
    public async Task An_upload_counts_its_bytes_as_they_arrive_not_when_a_chunk_is_written()
    {
        byte[] content = Content(3 * 16 * 1024);
        var source = new PausingStream(content, 16 * 1024);
        var sink = new CountingSink();
        var progress = new TransferProgress("STOR", isUpload: true);

        Task<long> copy = TransferPump.CopyAsync(source, sink, LineEndingConversion.None, TimeSpan.FromMinutes(1), progress, CancellationToken.None);
        await source.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(content.Length, progress.Bytes);
        Assert.Equal(0, sink.Writes);
        source.End();
        Assert.Equal(content.Length, await copy.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(content.Length, progress.Bytes);
        Assert.Equal(content, sink.Received.ToArray());
    }
}
