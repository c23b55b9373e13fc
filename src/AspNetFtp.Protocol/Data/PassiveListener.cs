using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Connections.ProxyProtocol;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// A session's one open passive listener (PASV/EPSV, RFC 959 §4.1.2, RFC 2428 §3). Connections from any
/// address other than the control connection's are refused (port stealing) and the wait goes on. It takes one
/// connection; its lifetime (the data timeout) is kept by <see cref="PendingPassiveConnection"/>.
/// </summary>
internal sealed class PassiveListener : IDisposable
{
    private const int MaxBindAttempts = 100;
    private readonly Socket _socket;
    private readonly PassivePortPool _pool;
    private readonly int _rentedPort;
    private int _disposed;
    private int _accepting;

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

    /// <summary>
    /// Waits for the client's data connection (once per listener); null when the listener is closed or already
    /// waited on. A connection from another address is closed and reported through <paramref name="onForeignConnection"/>;
    /// the wait then goes on until <paramref name="cancellationToken"/> (the data timeout's) is cancelled.
    /// </summary>
    /// <param name="expectedRemote">The session's client.</param>
    /// <param name="onForeignConnection">Told of each connection refused as foreign (by the client it came for).</param>
    /// <param name="cancellationToken">The data timeout's.</param>
    /// <param name="proxies">
    /// With <c>ProxyProtocol:DataConnections</c>, the trusted balancers: a connection from one is judged by the
    /// client its PROXY header names; one without a valid header is closed.
    /// </param>
    public async Task<Socket?> AcceptAsync(IPAddress expectedRemote, Action<IPEndPoint> onForeignConnection, CancellationToken cancellationToken,
        ProxyProtocolPreamble? proxies = null)
    {
        if (Interlocked.Exchange(ref _accepting, 1) != 0 || Volatile.Read(ref _disposed) != 0)
        {
            return null;
        }

        while (true)
        {
            Socket accepted = await _socket.AcceptAsync(cancellationToken);
            var remote = (IPEndPoint)accepted.RemoteEndPoint!;
            if (proxies is not null && proxies.IsTrusted(remote.Address))
            {
                try
                {
                    remote = await proxies.ReadDataConnectionClientAsync(accepted, remote, cancellationToken);
                }
                catch (Exception ex) when (ex is FtpPreambleRefusedException or IOException or SocketException)
                {
                    // The balancer's own address is never scored: close and wait on.
                    CloseQuietly(accepted);
                    continue;
                }
            }

            if (AddressComparer.Same(remote.Address, expectedRemote))
            {
                accepted.NoDelay = true;
                return accepted;
            }

            // Closed with a FIN, not a reset: the connection is accepted as soon as it arrives, and a reset
            // could reach the other side before its connect had even completed.
            onForeignConnection(remote);
            CloseQuietly(accepted);
        }
    }

    private static void CloseQuietly(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the other side.
        }

        socket.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
            _pool.Return(_rentedPort);
        }
    }
}
