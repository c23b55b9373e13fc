using System.Net.Security;
using System.Net.Sockets;

namespace AspNetFtp.Protocol.Data;

/// <summary>An open data connection, plain or TLS (PROT P), closed with close_notify before the 226 reply.</summary>
internal sealed class DataConnection : IAsyncDisposable
{
    private readonly NetworkStream _network;
    private SslStream? _ssl;
    private bool _closed;

    public DataConnection(Socket socket)
    {
        Socket = socket;
        _network = new NetworkStream(socket, ownsSocket: true);
    }

    public Socket Socket { get; }

    public Stream Stream => (Stream?)_ssl ?? _network;

    public bool IsTls => _ssl is not null;

    /// <summary>Runs the server side of the TLS handshake on the data connection.</summary>
    public async Task UpgradeToTlsAsync(SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(_network, leaveInnerStreamOpen: true);
        try
        {
            await ssl.AuthenticateAsServerAsync(options, cancellationToken);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        _ssl = ssl;
    }

    /// <summary>
    /// Ends the connection cleanly: TLS close_notify first, then a TCP half-close, then a short wait
    /// for the client to close its side so no reset is sent while it still reads.
    /// </summary>
    public async Task CloseGracefullyAsync(TimeSpan drainTimeout)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            using var cts = new CancellationTokenSource(drainTimeout);
            if (_ssl is not null)
            {
                await _ssl.ShutdownAsync().WaitAsync(cts.Token);
            }

            Socket.Shutdown(SocketShutdown.Send);
            if (_ssl is not null)
            {
                // Read (and drop) the client's close_notify and FIN.
                byte[] sink = new byte[256];
                while (await Socket.ReceiveAsync(sink, SocketFlags.None, cts.Token) > 0)
                {
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away first; nothing left to close cleanly.
        }
        finally
        {
            await DisposeAsync();
        }
    }

    /// <summary>Drops the connection at once (ABOR, errors).</summary>
    public void Abort()
    {
        _closed = true;
        try
        {
            Socket.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        if (_ssl is not null)
        {
            await _ssl.DisposeAsync();
        }

        await _network.DisposeAsync();
    }
}
