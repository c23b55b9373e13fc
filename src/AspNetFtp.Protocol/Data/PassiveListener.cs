using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// A session's one open passive listener (PASV/EPSV, RFC 959 §4.1.2, RFC 2428 §3). Connections from any
/// address other than the control connection's are refused (port stealing) and the wait goes on. A listener
/// that no transfer command takes within its lifetime (<see cref="ExpireAfter"/>, the data timeout) closes
/// itself and gives its port back to the pool, so an idle session cannot hold a port of a small range.
/// </summary>
internal sealed class PassiveListener : IDisposable
{
    private const int MaxBindAttempts = 100;
    private const int Waiting = 0;
    private const int Accepting = 1;
    private const int Expired = 2;
    private readonly Socket _socket;
    private readonly PassivePortPool _pool;
    private readonly int _rentedPort;
    private int _disposed;
    private int _state;
    private ITimer? _expiry;

    private PassiveListener(Socket socket, PassivePortPool pool, int rentedPort)
    {
        _socket = socket;
        _pool = pool;
        _rentedPort = rentedPort;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Binds a listener on the given address with a port from the pool, or null when none is free.</summary>
    public static PassiveListener? TryCreate(PassivePortPool pool, IPAddress bindAddress)
    {
        for (int attempt = 0; attempt < MaxBindAttempts; attempt++)
        {
            if (!pool.TryRent(out int port))
            {
                return null;
            }

            var socket = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(bindAddress, port));
                socket.Listen(4);
                return new PassiveListener(socket, pool, port);
            }
            catch (SocketException) when (!pool.UsesEphemeralPorts)
            {
                // Taken by another process; try the next port of the range.
                socket.Dispose();
                pool.Return(port);
            }
            catch
            {
                socket.Dispose();
                pool.Return(port);
                throw;
            }
        }

        return null;
    }

    /// <summary>Closes the listener after <paramref name="lifetime"/> unless a transfer has started waiting on it by then.</summary>
    public void ExpireAfter(TimeProvider time, TimeSpan lifetime) =>
        _expiry = time.CreateTimer(static s => ((PassiveListener)s!).Expire(), this, lifetime, Timeout.InfiniteTimeSpan);

    private void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, Expired, Waiting) == Waiting)
        {
            Dispose();
        }
    }

    /// <summary>
    /// Waits for the client's data connection; null when none came within <paramref name="timeout"/> or the
    /// listener had already expired. A connection from another address is closed and reported
    /// through <paramref name="onForeignConnection"/>; the wait then goes on until the timeout.
    /// </summary>
    public async Task<Socket?> AcceptAsync(IPAddress expectedRemote, TimeSpan timeout, Action<IPEndPoint> onForeignConnection, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Accepting, Waiting) != Waiting || Volatile.Read(ref _disposed) != 0)
        {
            return null;
        }

        _expiry?.Dispose();
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            while (true)
            {
                Socket accepted = await _socket.AcceptAsync(timeoutCts.Token);
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                if (AddressComparer.Same(remote.Address, expectedRemote))
                {
                    accepted.NoDelay = true;
                    return accepted;
                }

                onForeignConnection(remote);
                accepted.Close(0);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Interlocked.Exchange(ref _expiry, null)?.Dispose();
            _socket.Dispose();
            _pool.Return(_rentedPort);
        }
    }
}
