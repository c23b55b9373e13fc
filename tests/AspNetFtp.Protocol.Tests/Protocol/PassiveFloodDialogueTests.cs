using System.Globalization;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>A client repeating PASV cannot hoard passive ports: a session holds at most one, and gives it back when it goes.</summary>
public sealed class PassiveFloodDialogueTests
{
    [Fact]
    public async Task A_flood_of_pasv_from_one_session_holds_one_port_so_another_session_still_gets_one()
    {
        int basePort = UnusedPort.TakeRange(2);
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.DataChannel.PassivePorts = string.Create(CultureInfo.InvariantCulture, $"{basePort}-{basePort + 1}"));
        await using RawFtpClient flooder = await server.LoginAsync();
        await using RawFtpClient other = await server.LoginAsync();

        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(227, (await flooder.CommandAsync("PASV")).Code);
        }

        Assert.Equal(227, (await other.CommandAsync("PASV")).Code);
    }

    [Fact]
    public async Task A_session_that_disconnects_without_quit_gives_its_passive_port_back()
    {
        int port = UnusedPort.Take();
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.DataChannel.PassivePorts = port.ToString(CultureInfo.InvariantCulture));
        await using RawFtpClient next = await server.LoginAsync();
        await using (RawFtpClient gone = await server.LoginAsync())
        {
            Assert.Equal(port, RawFtpClient.ParsePasv(await gone.CommandAsync("PASV")).Port);
            Assert.Equal(425, (await next.CommandAsync("PASV")).Code);
        }

        // The server notices the closed control connection on its own schedule: ask until the port is back (bounded).
        FtpReply reply = await next.CommandAsync("PASV");
        for (int attempt = 0; reply.Code == 425 && attempt < 100; attempt++)
        {
            await Task.Delay(50);
            reply = await next.CommandAsync("PASV");
        }

        Assert.Equal(port, RawFtpClient.ParsePasv(reply).Port);
    }
}
