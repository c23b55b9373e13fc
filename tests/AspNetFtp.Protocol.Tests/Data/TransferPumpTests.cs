using System.Text;
using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Tests.Data;

public sealed class TransferPumpTests
{
    private static string Add(ref bool previousWasCr, string chunk)
    {
        byte[] input = Encoding.ASCII.GetBytes(chunk);
        byte[] output = new byte[input.Length * 2];
        int n = TransferPump.AddCarriageReturns(input, output, ref previousWasCr);
        return Encoding.ASCII.GetString(output, 0, n);
    }

    private static string Drop(ref bool pendingCr, string chunk)
    {
        byte[] input = Encoding.ASCII.GetBytes(chunk);
        byte[] output = new byte[input.Length + 1];
        int n = TransferPump.DropCarriageReturns(input, output, ref pendingCr);
        return Encoding.ASCII.GetString(output, 0, n);
    }

    [Fact]
    public void Sending_in_ascii_turns_each_lf_into_crlf()
    {
        bool previousWasCr = false;
        Assert.Equal("a\r\nb\r\n\r\nc", Add(ref previousWasCr, "a\nb\n\nc"));
    }

    [Fact]
    public void Sending_in_ascii_leaves_an_existing_crlf_alone()
    {
        bool previousWasCr = false;
        Assert.Equal("a\r\nb", Add(ref previousWasCr, "a\r\nb"));
    }

    [Fact]
    public void Sending_in_ascii_remembers_a_cr_at_the_end_of_a_chunk()
    {
        bool previousWasCr = false;
        string first = Add(ref previousWasCr, "a\r");
        string second = Add(ref previousWasCr, "\nb");

        Assert.Equal("a\r\nb", first + second);
    }

    [Fact]
    public void Receiving_in_ascii_turns_crlf_into_lf()
    {
        bool pendingCr = false;
        Assert.Equal("a\nb\n", Drop(ref pendingCr, "a\r\nb\r\n"));
        Assert.False(pendingCr);
    }

    [Fact]
    public void Receiving_in_ascii_keeps_a_lone_cr()
    {
        bool pendingCr = false;
        Assert.Equal("a\rb", Drop(ref pendingCr, "a\rb"));
    }

    [Fact]
    public void Receiving_in_ascii_joins_a_crlf_split_across_chunks()
    {
        bool pendingCr = false;
        string first = Drop(ref pendingCr, "line1\r");
        Assert.True(pendingCr);
        string second = Drop(ref pendingCr, "\nline2");

        Assert.Equal("line1\nline2", first + second);
    }

    [Fact]
    public void Receiving_in_ascii_keeps_a_cr_at_a_chunk_end_when_no_lf_follows()
    {
        bool pendingCr = false;
        string first = Drop(ref pendingCr, "a\r");
        string second = Drop(ref pendingCr, "b");

        Assert.Equal("a\rb", first + second);
    }

    [Fact]
    public void Receiving_in_ascii_handles_cr_cr_lf()
    {
        bool pendingCr = false;
        Assert.Equal("a\r\n", Drop(ref pendingCr, "a\r\r\n"));
    }

    [Fact]
    public async Task Copying_from_the_network_in_one_byte_reads_converts_every_crlf_and_keeps_a_final_cr()
    {
        byte[] input = Encoding.ASCII.GetBytes("line1\r\nline2\r\nend\r");
        using var source = new TrickleStream(input, chunkSize: 1);
        using var destination = new MemoryStream();

        long read = await TransferPump.CopyAsync(source, destination, LineEndingConversion.FromNetwork, TimeSpan.FromSeconds(10), new TransferProgress("test", isUpload: false), CancellationToken.None);

        Assert.Equal(input.Length, read);
        Assert.Equal("line1\nline2\nend\r", Encoding.ASCII.GetString(destination.ToArray()));
    }

    [Fact]
    public async Task Copying_to_the_network_in_small_reads_adds_exactly_one_cr_per_line()
    {
        byte[] input = Encoding.ASCII.GetBytes("a\nb\r\nc\n");
        using var source = new TrickleStream(input, chunkSize: 2);
        using var destination = new MemoryStream();

        await TransferPump.CopyAsync(source, destination, LineEndingConversion.ToNetwork, TimeSpan.FromSeconds(10), new TransferProgress("test", isUpload: false), CancellationToken.None);

        Assert.Equal("a\r\nb\r\nc\r\n", Encoding.ASCII.GetString(destination.ToArray()));
    }

    [Fact]
    public async Task Copying_in_binary_moves_the_bytes_unchanged_and_counts_them()
    {
        byte[] input = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251))];
        using var source = new MemoryStream(input);
        using var destination = new MemoryStream();
        var progress = new TransferProgress("test", isUpload: false);

        long read = await TransferPump.CopyAsync(source, destination, LineEndingConversion.None, TimeSpan.FromSeconds(10), progress, CancellationToken.None);

        Assert.Equal(input.Length, read);
        Assert.Equal(input.Length, progress.Bytes);
        Assert.Equal(input, destination.ToArray());
    }

    /// <summary>A read-only stream that hands out at most <c>chunkSize</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunkSize) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, chunkSize), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = Math.Min(Math.Min(buffer.Length, chunkSize), data.Length - _position);
            data.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return ValueTask.FromResult(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
