using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AspNetFtp.Protocol.Connections.ProxyProtocol;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// A passive data connection taken as soon as it arrives (RFC 959 §3.2 leaves the order to the client), not
/// when the transfer command comes. Under PROT P a client that starts its TLS handshake before it sends the
/// transfer command (as pyftpdlib's clients may) gets the server side of the handshake at once, with the
/// upload options (TLS 1.2), which serve either direction; a client that waits for the 150 reply first
/// gets the handshake after it, with the direction's own options. The wait has the data timeout, counted
/// from PASV and again from the transfer command; when it passes the listener closes and its port goes back.
/// </summary>
internal sealed class PendingPassiveConnection : IDisposable
{
    private readonly PassiveListener _listener;
    private readonly CancellationTokenSource _clock;
    private readonly CancellationTokenSource _wait;
    private readonly TaskCompletionSource _commandArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _timeout;
    private int _taken;

    public PendingPassiveConnection(
        PassiveListener listener,
        IPAddress expectedRemote,
        TimeSpan timeout,
        TimeProvider time,
        SslServerAuthenticationOptions? earlyTls,
        Action<IPEndPoint> onForeignConnection,
        Action<string> onTlsFailure,
        CancellationToken sessionAborted,
        ProxyProtocolPreamble? proxies = null)
    {
        _listener = listener;
        _timeout = timeout;
        _clock = new CancellationTokenSource(timeout, time);
        _wait = CancellationTokenSource.CreateLinkedTokenSource(sessionAborted, _clock.Token);
        // The port goes back the moment the data timeout passes, not when the accept loop next runs.
        _clock.Token.UnsafeRegister(static l => ((PassiveListener)l!).Dispose(), listener);
        Port = listener.Port;
        Connection = WaitAsync(expectedRemote, earlyTls, onForeignConnection, onTlsFailure, proxies);
    }

    public int Port { get; }

    /// <summary>The data connection (TLS already when the client started it early); null when none came in time or its early handshake failed.</summary>
    public Task<PendingData> Connection { get; }

    /// <summary>The transfer command came: the data timeout counts again from now, and a handshake not yet started waits for the 150.</summary>
    public void TransferCommandArrived()
    {
        if (Interlocked.Exchange(ref _taken, 1) == 0)
        {
            try
            {
                _clock.CancelAfter(_timeout);
            }
            catch (ObjectDisposedException)
            {
            }

            _commandArrived.TrySetResult();
        }
    }

    private async Task<PendingData> WaitAsync(IPAddress expectedRemote, SslServerAuthenticationOptions? earlyTls, Action<IPEndPoint> onForeign, Action<string> onTlsFailure,
        ProxyProtocolPreamble? proxies)
    {
        Socket? socket = null;
        try
        {
            socket = await _listener.AcceptAsync(expectedRemote, onForeign, _wait.Token, proxies);
            if (socket is null)
            {
                return default;
            }

            var connection = new DataConnection(socket);
            if (earlyTls is not null && await ClientSpokeFirstAsync(socket))
            {
                try
                {
                    await connection.UpgradeToTlsAsync(earlyTls, _wait.Token);
                }
                catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
                {
                    onTlsFailure(ex.Message);
                    connection.Abort();
                    return new PendingData(null, TlsFailed: true);
                }
            }

            return new PendingData(connection, TlsFailed: false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            socket?.Dispose();
            return default;
        }
        finally
        {
            // The listener's work is done (one connection per PASV): give its port back at once.
            _listener.Dispose();
        }
    }

    /// <summary>True when the client sent bytes (its TLS ClientHello) before the transfer command arrived.</summary>
    private async Task<bool> ClientSpokeFirstAsync(Socket socket)
    {
        if (_commandArrived.Task.IsCompleted)
        {
            return false;
        }

        using var stopPeeking = CancellationTokenSource.CreateLinkedTokenSource(_wait.Token);
        byte[] one = new byte[1];
        Task<int> peek = socket.ReceiveAsync(one, SocketFlags.Peek, stopPeeking.Token).AsTask();
        Task first = await Task.WhenAny(peek, _commandArrived.Task, Task.Delay(Timeout.Infinite, _wait.Token));
        if (first == peek)
        {
            return await peek > 0;
        }

        await stopPeeking.CancelAsync();
        try
        {
            await peek;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
        }

        _wait.Token.ThrowIfCancellationRequested();
        return false;
    }

    /// <summary>Closes the listener and a connection nobody took.</summary>
    public void Dispose()
    {
        try
        {
            _wait.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        _listener.Dispose();
        if (Volatile.Read(ref _taken) == 0)
        {
            _ = Connection.ContinueWith(static t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    t.Result.Connection?.Abort();
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        _ = Connection.ContinueWith(_ => DisposeSources(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void DisposeSources()
    {
        _wait.Dispose();
        _clock.Dispose();
    }
}
