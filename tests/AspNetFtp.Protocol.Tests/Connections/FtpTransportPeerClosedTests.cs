using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Testing;

namespace AspNetFtp.Protocol.Tests.Connections;

/// <summary>
/// <see cref="FtpTransport.PeerHasClosed"/>: whether the client's FIN has arrived on the control connection, which decides
/// whether an upload whose data connection ended is completed (the client is still there) or aborted (it went away).
/// </summary>
public sealed class FtpTransportPeerClosedTests
{
    private static async Task<(Socket Client, FtpTransport Server)> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Task<Socket> accepted = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, FtpTransport.FromSocket(await accepted));
    }

    [Fact]
    public async Task An_open_connection_has_not_been_closed_by_the_peer()
    {
        (Socket client, FtpTransport server) = await ConnectAsync();
        using (client)
        await using (server.Stream)
        {
            Assert.False(server.PeerHasClosed());
        }
    }

    [Fact]
    public async Task A_connection_with_a_command_waiting_has_not_been_closed_by_the_peer()
    {
        (Socket client, FtpTransport server) = await ConnectAsync();
        using (client)
        await using (server.Stream)
        {
            await client.SendAsync("ABOR\r\n"u8.ToArray());
            await Eventually.TrueAsync(() => ((NetworkStream)server.Stream).Socket.Available > 0, TimeSpan.FromSeconds(10), "the client's byte to arrive");

            Assert.False(server.PeerHasClosed());
        }
    }

    [Fact]
    public async Task A_connection_the_peer_closed_is_seen_closed()
    {
        (Socket client, FtpTransport server) = await ConnectAsync();
        await using (server.Stream)
        {
            client.Dispose();

            await Eventually.TrueAsync(server.PeerHasClosed, TimeSpan.FromSeconds(10), "the server to see the client's FIN");
        }
    }

    [Fact]
    public async Task A_connection_the_peer_reset_is_seen_closed()
    {
        (Socket client, FtpTransport server) = await ConnectAsync();
        await using (server.Stream)
        {
            client.Close(0);

            await Eventually.TrueAsync(server.PeerHasClosed, TimeSpan.FromSeconds(10), "the server to see the client's FIN");
        }
    }
}
