using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Protocol.Connections;

/// <summary>
/// What a session is built from: a duplex byte stream and the two endpoints. The accept loop makes one from a
/// socket; a connection preamble (the PROXY protocol) may replace the remote endpoint with the real client's
/// before limits apply, and the stream with one that first returns bytes it read ahead.
/// </summary>
public sealed class FtpTransport
{
    private readonly Action? _abort;
    private Socket? _socket;

    /// <summary>A transport over a stream; <paramref name="abort"/> drops the connection at once (a reset where it can).</summary>
    public FtpTransport(Stream stream, IPEndPoint remoteEndPoint, IPEndPoint localEndPoint, Action? abort = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        ArgumentNullException.ThrowIfNull(localEndPoint);
        Stream = stream;
        RemoteEndPoint = Normalize(remoteEndPoint);
        LocalEndPoint = Normalize(localEndPoint);
        _abort = abort;
    }

    /// <summary>A transport over an accepted socket (the stream owns it; abort resets the connection).</summary>
    public static FtpTransport FromSocket(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return new FtpTransport(
            new NetworkStream(socket, ownsSocket: true),
            (IPEndPoint)socket.RemoteEndPoint!,
            (IPEndPoint)socket.LocalEndPoint!,
            () => socket.Close(0))
        {
            _socket = socket,
        };
    }

    /// <summary>
    /// Whether the client has closed its side of the connection (its FIN or a reset has arrived), asked of the socket
    /// itself, whatever the reader above it has consumed. False for a transport not made from a socket.
    /// </summary>
    internal bool PeerHasClosed()
    {
        if (_socket is not { } socket)
        {
            return false;
        }

        try
        {
            // Readable with nothing to read: end of stream (or an error, which Available reports as 0 too).
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>The control connection's bytes; a preamble may replace it with a stream that first returns what it read ahead.</summary>
    public Stream Stream { get; set; }

    /// <summary>The client: the socket's peer, or the address a preamble read (PROXY protocol). IPv4-mapped addresses are shown as IPv4.</summary>
    public IPEndPoint RemoteEndPoint
    {
        get;
        set => field = Normalize(value);
    }

    /// <summary>The proxy the connection came through, when a PROXY header named the client; null for a direct client.</summary>
    public IPEndPoint? ProxyEndPoint
    {
        get;
        set => field = value is null ? null : Normalize(value);
    }

    /// <summary>
    /// A trusted proxy's own connection: its PROXY header names no client (v2 <c>LOCAL</c>, v1 <c>UNKNOWN</c>), which is
    /// what a balancer's health check sends; <see cref="RemoteEndPoint"/> is then the proxy itself.
    /// </summary>
    public bool IsProxyOwnConnection { get; set; }

    /// <summary>The address the client reached: passive listeners bind here and active connections leave from here.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Drops the connection at once; without an abort action the stream is disposed.</summary>
    public void Abort()
    {
        try
        {
            if (_abort is not null)
            {
                _abort();
            }
            else
            {
                Stream.Dispose();
            }
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
