using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// RFC 4217 §9 under PROT P: the TLS handshake on a passive data connection works whichever the client starts
/// first, the handshake or the transfer command (pyftpdlib's clients may handshake at once; curl and lftp wait
/// for the 150 reply).
/// </summary>
public sealed class DataTlsOrderDialogueTests : IDisposable
{
    private readonly TestTlsFiles _tls = new();

    public void Dispose() => _tls.Dispose();

    private async Task<(TestFtpServer Server, RawFtpClient Client)> StartProtectedAsync()
    {
        TestFtpServer server = await TestFtpServer.StartAsync(configure: _tls.Apply);
        return (server, await TestTlsFiles.LoginProtectedAsync(server));
    }

    [Fact]
    public async Task A_client_that_finishes_the_data_handshake_before_sending_retr_gets_its_file()
    {
        (TestFtpServer server, RawFtpClient client) = await StartProtectedAsync();
        await using (server)
        await using (client)
        {
            server.Home.WriteFile("early.txt", "handshake first");
            using Socket socket = await client.OpenPassiveAsync();

            // The whole handshake completes before the server has seen any transfer command.
            await using SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false));
            Assert.Equal(150, (await client.CommandAsync("RETR early.txt")).Code);

            Assert.Equal("handshake first", await new StreamReader(data, Encoding.UTF8).ReadToEndAsync());
            await data.DisposeAsync();
            socket.Close();
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }
    }

    [Fact]
    public async Task A_client_that_finishes_the_data_handshake_before_sending_stor_uploads_its_file()
    {
        (TestFtpServer server, RawFtpClient client) = await StartProtectedAsync();
        await using (server)
        await using (client)
        {
            using Socket socket = await client.OpenPassiveAsync();
            await using SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false));
            Assert.Equal(150, (await client.CommandAsync("STOR early.txt")).Code);

            await data.WriteAsync(Encoding.UTF8.GetBytes("uploaded after an early handshake"));
            await data.ShutdownAsync();
            socket.Shutdown(SocketShutdown.Send);

            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Equal("uploaded after an early handshake", File.ReadAllText(server.Home["early.txt"]));
        }
    }

    [Fact]
    public async Task A_client_that_starts_the_data_handshake_after_the_150_reply_gets_its_file()
    {
        (TestFtpServer server, RawFtpClient client) = await StartProtectedAsync();
        await using (server)
        await using (client)
        {
            server.Home.WriteFile("late.txt", "handshake after 150");
            using Socket socket = await client.OpenPassiveAsync();

            Assert.Equal(150, (await client.CommandAsync("RETR late.txt")).Code);
            await using SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false));

            Assert.Equal("handshake after 150", await new StreamReader(data, Encoding.UTF8).ReadToEndAsync());
            await data.DisposeAsync();
            socket.Close();
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }
    }
}
