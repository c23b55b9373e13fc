using System.Buffers;

namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>
/// Reads one PROXY header from a stream, asking it for exactly the bytes <see cref="ProxyHeaderParser"/> says belong
/// to the header, so the stream is left at the first byte after it (the FTP command or the TLS ClientHello).
/// </summary>
internal static class ProxyHeaderReader
{
    public const string Missing = "missing PROXY header";
    public const string Malformed = "malformed PROXY header";
    public const string TimedOut = "PROXY header timed out";

    /// <summary>
    /// The header; null when <paramref name="optional"/> and not one byte came before the deadline
    /// (<paramref name="cancellationToken"/>). Anything else that is not a whole header of an accepted version
    /// throws <see cref="FtpPreambleRefusedException"/> with the reason.
    /// </summary>
    public static async ValueTask<ProxyHeader?> ReadAsync(Stream stream, ProxyProtocolVersions versions, bool optional, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ProxyHeaderParser.MaxHeaderLength);
        int have = 0;
        try
        {
            while (true)
            {
                switch (ProxyHeaderParser.Parse(buffer.AsSpan(0, have), versions, out ProxyHeader header, out int needed))
                {
                    case ProxyParseStatus.Complete:
                        return header;
                    case ProxyParseStatus.Invalid:
                        throw new FtpPreambleRefusedException(Malformed);
                }

                int read = await stream.ReadAsync(buffer.AsMemory(have, needed), cancellationToken);
                if (read == 0)
                {
                    throw new FtpPreambleRefusedException(have == 0 ? Missing : Malformed) { ClosedWithoutSending = have == 0 };
                }

                have += read;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (have == 0 && optional)
            {
                return null;
            }

            throw new FtpPreambleRefusedException(have == 0 ? Missing : TimedOut);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
