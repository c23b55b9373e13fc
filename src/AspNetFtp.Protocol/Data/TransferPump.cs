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
