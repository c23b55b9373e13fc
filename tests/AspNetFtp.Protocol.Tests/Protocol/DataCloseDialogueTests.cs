using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>Issue 7: closing a protected data connection waits for the client's close at most <c>Timeouts:DataClose</c>.</summary>
public sealed class DataCloseDialogueTests : IDisposable
{
    private readonly TestTlsFiles _tls = new();

    public void Dispose() => _tls.Dispose();

    [Fact]
    public async Task A_client_that_never_closes_its_protected_data_connection_gets_226_after_the_data_close_time()
    {
        // DataClose is 200 ms; the wait allowed for the 226 is 3 s, well under the 5 s the close used to wait.
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            _tls.Apply(o);
            o.Timeouts.DataClose = TimeSpan.FromMilliseconds(200);
        });
        File.WriteAllText(Path.Combine(server.Home.Path, "a.txt"), "protected payload");
        await using RawFtpClient client = await TestTlsFiles.LoginProtectedAsync(server);
        using Socket socket = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("RETR a.txt")).Code);

        // Read to the server's close_notify, then keep the connection open: no close_notify, no FIN from us.
        await using SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false));
        var buffer = new byte[64];
        int length = 0;
        for (int read; length < buffer.Length && (read = await data.ReadAsync(buffer.AsMemory(length))) > 0;)
        {
            length += read;
        }

        FtpReply reply = await client.ReadReplyAsync().WaitAsync(TimeSpan.FromSeconds(3));

        Assert.Equal((226, "protected payload"), (reply.Code, Encoding.UTF8.GetString(buffer, 0, length)));
    }
}
