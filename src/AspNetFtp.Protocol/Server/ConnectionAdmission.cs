using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// Between accept and session: the defender's bans (first, before any other work), the connection limits (in all, and per client address or IPv6 prefix), the
/// preamble stage (the PROXY protocol), and the 421 to a refused connection. An admitted connection is handed
/// to the session starter with the address it counts as; <see cref="Release"/> gives its places back.
/// </summary>
internal sealed class ConnectionAdmission(
    FtpServerOptions options,
    IFtpConnectionPreamble[] preambles,
    FtpMetrics metrics,
    ILogger logger,
    LogThrottle logThrottle,
    FtpDefender defender,
    CancellationToken stopping,
    Action<FtpTransport, FtpListenerKind, IPAddress> startSession)
{
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private int _count;

    /// <summary>Connections counted against <see cref="FtpLimitOptions.MaxConnections"/> (sessions and connections still in their preamble).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The reason a banned client reads in its 421.</summary>
    internal const string BannedReason = "this address is banned";

    public void Admit(Socket client, FtpListenerKind kind)
    {
        // A trusted balancer is on the defender's allow list (never banned): its clients are checked once its header named them.
        if (defender.Enabled && client.RemoteEndPoint is IPEndPoint peer && defender.IsBanned(peer.Address))
        {
            Refuse(FtpTransport.FromSocket(client), kind, BannedReason, FtpMetrics.Banned);
            return;
        }

        client.NoDelay = true;
        // Clients send ABOR (and the Telnet IP/DM before it) as TCP urgent data; keep that byte in the stream
        // rather than let the kernel take it out of band, or the command line would lose its last byte.
        client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline, true);
        if (Interlocked.Increment(ref _count) > options.Limits.MaxConnections)
        {
            Interlocked.Decrement(ref _count);
            Refuse(FtpTransport.FromSocket(client), kind, "too many connections", FtpMetrics.TooManyConnections);
            return;
        }

        FtpTransport transport = FtpTransport.FromSocket(client);
        if (preambles.Length == 0)
        {
            AdmitTransport(transport, kind);
        }
        else
        {
            _ = AdmitAfterPreambleAsync(transport, kind);
        }
    }

    /// <summary>Gives back the places an admitted connection held, once its session has ended.</summary>
    public void Release(IPAddress remote)
    {
        Interlocked.Decrement(ref _count);
        while (true)
        {
            int current = _perAddress.GetValueOrDefault(remote);
            if (current <= 1)
            {
                if (_perAddress.TryRemove(new KeyValuePair<IPAddress, int>(remote, current)) || current == 0)
                {
                    return;
                }
            }
            else if (_perAddress.TryUpdate(remote, current - 1, current))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The stage between accept and admission: each preamble (the PROXY protocol) reads what comes before FTP
    /// within Timeouts:Preamble and may set the real client address, which the per-address limit then counts.
    /// </summary>
    private async Task AdmitAfterPreambleAsync(FtpTransport transport, FtpListenerKind kind)
    {
        bool admitted = false;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            deadline.CancelAfter(options.Timeouts.Preamble);
            foreach (IFtpConnectionPreamble preamble in preambles)
            {
                if (!await preamble.ReadAsync(transport, deadline.Token))
                {
                    metrics.ConnectionRefused(FtpMetrics.PreambleRefused);
                    FtpLog.ConnectionRefused(logger, logThrottle, transport.RemoteEndPoint, "connection preamble refused");
                    return;
                }
            }

            admitted = true;
        }
#pragma warning disable CA1031 // A broken or slow preamble refuses one connection, never the accept loop.
        catch (FtpPreambleRefusedException ex) when (ex.ClosedWithoutSending)
        {
            metrics.ConnectionRefused(FtpMetrics.PreambleRefused);
            FtpLog.ConnectionClosedBeforePreamble(logger, transport.RemoteEndPoint);
        }
        catch (Exception ex)
#pragma warning restore CA1031
        {
            metrics.ConnectionRefused(FtpMetrics.PreambleRefused);
            FtpLog.ConnectionRefused(logger, logThrottle, transport.RemoteEndPoint, ex switch
            {
                FtpPreambleRefusedException refused => refused.Reason,
                OperationCanceledException => "connection preamble timed out",
                _ => "connection preamble failed",
            });
        }
        finally
        {
            if (!admitted)
            {
                Interlocked.Decrement(ref _count);
                transport.Abort();
            }
        }

        if (admitted && defender.IsBanned(transport.RemoteEndPoint.Address))
        {
            // The preamble named the real client, and it is banned.
            Interlocked.Decrement(ref _count);
            Refuse(transport, kind, BannedReason, FtpMetrics.Banned);
        }
        else if (admitted)
        {
            AdmitTransport(transport, kind);
        }
    }

    private void AdmitTransport(FtpTransport transport, FtpListenerKind kind)
    {
        // IPv6 clients are counted by prefix (a /64 by default): one subscriber holds a whole /64 and could
        // otherwise take every place with addresses of its own.
        IPAddress remote = ConnectionLimitKey.For(transport.RemoteEndPoint.Address, options.Limits.Ipv6PrefixLength);
        int fromAddress = _perAddress.AddOrUpdate(remote, 1, static (_, n) => n + 1);
        if (fromAddress > options.Limits.MaxConnectionsPerIp)
        {
            Release(remote);
            Refuse(transport, kind, "too many connections from this address", FtpMetrics.TooManyConnectionsFromAddress);
            return;
        }

        metrics.ConnectionAccepted();
        startSession(transport, kind, remote);
    }

    private void Refuse(FtpTransport client, FtpListenerKind kind, string reason, string metricReason)
    {
        metrics.ConnectionRefused(metricReason);
        FtpLog.ConnectionRefused(logger, logThrottle, client.RemoteEndPoint, reason);
        _ = RefuseAsync(client, kind, reason, options.Timeouts.RefusalWrite);
    }

    private static async Task RefuseAsync(FtpTransport client, FtpListenerKind kind, string reason, TimeSpan writeTimeout)
    {
        try
        {
            // On the implicit port a plaintext reply would only confuse the TLS client; just close.
            if (kind == FtpListenerKind.Ftp)
            {
                byte[] reply = Encoding.ASCII.GetBytes($"421 Service not available: {reason}.\r\n");
                using var cts = new CancellationTokenSource(writeTimeout);
                await client.Stream.WriteAsync(reply, cts.Token);
                await client.Stream.FlushAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await client.Stream.DisposeAsync();
        }
    }
}
