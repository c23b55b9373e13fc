using System.Buffers;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// Copies a transfer with one pooled large buffer, converting line endings for TYPE A, and fails with
/// <see cref="TimeoutException"/> when no byte moves for the stall timeout.
/// </summary>
internal static class TransferPump
{
    public const int BufferSize = 256 * 1024;

    public static async Task<long> CopyAsync(
        Stream source,
        Stream destination,
        LineEndingConversion conversion,
        TimeSpan stallTimeout,
        TransferProgress progress,
        CancellationToken cancellationToken)
    {
        if (conversion == LineEndingConversion.None)
        {
            return await CopyOverlappedAsync(source, destination, stallTimeout, progress, cancellationToken);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        byte[]? converted = conversion == LineEndingConversion.None ? null : ArrayPool<byte>.Shared.Rent(BufferSize * 2);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long total = 0;
        bool previousWasCr = false;
        bool pendingCr = false;
        try
        {
            while (true)
            {
                stall.CancelAfter(stallTimeout);
                int read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), stall.Token);
                if (read == 0)
                {
                    progress.EndOfData();
                    break;
                }

                total += read;
                ReadOnlyMemory<byte> output = conversion switch
                {
                    LineEndingConversion.ToNetwork => converted.AsMemory(0, AddCarriageReturns(buffer.AsSpan(0, read), converted!, ref previousWasCr)),
                    LineEndingConversion.FromNetwork => converted.AsMemory(0, DropCarriageReturns(buffer.AsSpan(0, read), converted!, ref pendingCr)),
                    _ => buffer.AsMemory(0, read),
                };
                stall.CancelAfter(stallTimeout);
                await destination.WriteAsync(output, stall.Token);
                progress.Add(read);
            }

            if (pendingCr)
            {
                buffer[0] = (byte)'\r';
                await destination.WriteAsync(buffer.AsMemory(0, 1), stall.Token);
            }

            await destination.FlushAsync(stall.Token);
            return total;
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The data connection stalled.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (converted is not null)
            {
                ArrayPool<byte>.Shared.Return(converted);
            }
        }
    }

    /// <summary>
    /// Binary copy with two buffers. A network source is read until half a buffer has arrived (a TLS stream
    /// hands over one 16 KiB record per read), so the destination sees few large writes; the next read runs
    /// while the previous chunk is written. A local file is read and written in place: its asynchronous
    /// form would only queue the same blocking call to the thread pool, a hop per chunk for nothing.
    /// </summary>
    private static async Task<long> CopyOverlappedAsync(Stream source, Stream destination, TimeSpan stallTimeout, TransferProgress progress, CancellationToken cancellationToken)
    {
        byte[] current = ArrayPool<byte>.Shared.Rent(BufferSize);
        byte[] next = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bytes count as moved when they arrive from the network (an upload's progress shows at once, not per chunk)
        // or when they leave for it (a download's).
        bool countOnRead = source is not FileStream;
        var reader = new ChunkReader(source, stall, stallTimeout, countOnRead ? progress : null);
        bool writeInPlace = destination is FileStream;
        long total = 0;
        Task pendingWrite = Task.CompletedTask;
        try
        {
            while (true)
            {
                int read = await reader.ReadAsync(next);
                await pendingWrite;
                if (read == 0)
                {
                    break;
                }

                total += read;
                (current, next) = (next, current);
                if (writeInPlace)
                {
                    destination.Write(current, 0, read);
                    if (!countOnRead)
                    {
                        progress.Add(read);
                    }
                }
                else
                {
                    pendingWrite = WriteChunkAsync(destination, current.AsMemory(0, read), countOnRead ? null : progress, stall.Token);
                }
            }

            await destination.FlushAsync(stall.Token);
            return total;
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The data connection stalled.");
        }
        finally
        {
            // Never hand a buffer back while a write may still use it.
            try
            {
                await pendingWrite;
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    private static async Task WriteChunkAsync(Stream destination, ReadOnlyMemory<byte> chunk, TransferProgress? progress, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(chunk, cancellationToken);
        progress?.Add(chunk.Length);
    }

    /// <summary>LF → CRLF unless the LF already follows a CR; the output span must be twice the input.</summary>
    internal static int AddCarriageReturns(ReadOnlySpan<byte> input, Span<byte> output, ref bool previousWasCr)
    {
        int o = 0;
        foreach (byte b in input)
        {
            if (b == (byte)'\n' && !previousWasCr)
            {
                output[o++] = (byte)'\r';
            }

            output[o++] = b;
            previousWasCr = b == (byte)'\r';
        }

        return o;
    }

    /// <summary>CRLF → LF; a CR at the end of a chunk waits to see the next byte. Output may be one byte longer than input.</summary>
    internal static int DropCarriageReturns(ReadOnlySpan<byte> input, Span<byte> output, ref bool pendingCr)
    {
        int o = 0;
        foreach (byte b in input)
        {
            if (pendingCr)
            {
                pendingCr = false;
                if (b != (byte)'\n')
                {
                    output[o++] = (byte)'\r';
                }
            }

            if (b == (byte)'\r')
            {
                pendingCr = true;
                continue;
            }

            output[o++] = b;
        }

        return o;
    }
}
