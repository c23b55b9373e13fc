using System.Runtime.ExceptionServices;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// Reads one chunk of a transfer for <see cref="TransferPump"/>: from a network stream until at least
/// <see cref="FillTarget"/> bytes arrived or the stream ended, from a local file in one blocking read.
/// Bytes that arrived before a failure are still returned; the failure is thrown by the next call, so
/// whatever the client sent before an abort or a break is written as before. When given a
/// <see cref="TransferProgress"/>, each network read adds to it as it arrives, and the end of the stream is marked.
/// </summary>
internal sealed class ChunkReader(Stream source, CancellationTokenSource stall, TimeSpan stallTimeout, TransferProgress? countReads = null)
{
    /// <summary>Half a pump buffer: large enough that a TLS source's 16 KiB records become one write.</summary>
    public const int FillTarget = TransferPump.BufferSize / 2;

    private readonly bool _readInPlace = source is FileStream;
    private ExceptionDispatchInfo? _deferred;

    public async ValueTask<int> ReadAsync(byte[] buffer)
    {
        _deferred?.Throw();
        stall.CancelAfter(stallTimeout);
        if (_readInPlace)
        {
            return source.Read(buffer, 0, TransferPump.BufferSize);
        }

        int filled = 0;
        try
        {
            while (filled < FillTarget)
            {
                int read = await source.ReadAsync(buffer.AsMemory(filled, TransferPump.BufferSize - filled), stall.Token);
                if (read == 0)
                {
                    countReads?.EndOfData();
                    break;
                }

                filled += read;
                countReads?.Add(read);
                stall.CancelAfter(stallTimeout);
            }
        }
        catch (Exception ex) when (filled > 0)
        {
            _deferred = ExceptionDispatchInfo.Capture(ex);
        }

        return filled;
    }
}
