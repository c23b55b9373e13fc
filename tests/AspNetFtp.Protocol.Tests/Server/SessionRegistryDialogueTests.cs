using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;
using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Protocol.Tests.Server;

/// <summary>The session registry: what it lists about live sessions, and disconnecting one mid-transfer.</summary>
public sealed class SessionRegistryDialogueTests
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.2");

    /// <summary>Polls the registry until <paramref name="condition"/> holds for the one session (bounded).</summary>
    private static async Task<FtpSessionInfo> WaitForSessionAsync(IFtpSessionRegistry registry, Func<FtpSessionInfo, bool> condition)
    {
        using var timeout = new CancellationTokenSource(RawFtpClient.Timeout);
        while (true)
        {
            if (registry.List() is [var only] && condition(only))
            {
                return only;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task The_registry_lists_a_logged_in_session_with_its_user_address_and_last_command()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync(Client);
        Assert.Equal(257, (await client.CommandAsync("PWD")).Code);

        FtpSessionInfo session = Assert.Single(server.Server.Sessions.List());

        Assert.Equal(TestAuthenticator.UserName, session.UserName);
        Assert.Equal(Client, session.RemoteEndPoint.Address);
        Assert.False(session.IsTls);
        Assert.Equal("PWD", session.LastCommand);
        Assert.Null(session.Transfer);
        Assert.Equal(session, server.Server.Sessions.Find(session.Id));
    }

    [Fact]
    public async Task The_registry_shows_a_running_download_with_its_path_direction_and_bytes_so_far()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("big.bin", new string('x', 16 * 1024 * 1024));
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();
        data.ReceiveBufferSize = 4096;

        // The client reads nothing: the transfer stays running with the socket buffers full.
        Assert.Equal(150, (await client.CommandAsync("RETR big.bin")).Code);
        FtpSessionInfo session = await WaitForSessionAsync(server.Server.Sessions, s => s.Transfer is { Bytes: > 0 });

        FtpTransferInfo transfer = session.Transfer!;
        Assert.Equal("RETR", transfer.Verb);
        Assert.Equal(TransferDirection.Download, transfer.Direction);
        Assert.Equal("/big.bin", transfer.Path);
        Assert.InRange(transfer.Bytes, 1, (16 * 1024 * 1024) - 1);
    }

    [Fact]
    public async Task Disconnecting_a_session_mid_transfer_ends_the_transfer_incomplete_then_sends_421_and_closes()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("big.bin", new string('x', 16 * 1024 * 1024));
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("RETR big.bin")).Code);
        FtpSessionInfo session = await WaitForSessionAsync(server.Server.Sessions, s => s.Transfer is { Bytes: > 0 });

        Assert.True(await server.Server.Sessions.DisconnectAsync(session.Id));

        Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        Assert.True(await client.IsClosedByServerAsync());
        Assert.Empty(server.Server.Sessions.List());
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is FileSentIncomplete));
        Assert.Single(events.OfType<FileSentIncomplete>());
        Assert.DoesNotContain(events, e => e is FileSent);
    }

    [Fact]
    public async Task Disconnecting_an_idle_session_sends_421_and_closes_it()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        string id = Assert.Single(server.Server.Sessions.List()).Id;

        Assert.True(await server.Server.Sessions.DisconnectAsync(id));

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Disconnecting_a_session_that_is_not_live_returns_false()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();

        Assert.False(await server.Server.Sessions.DisconnectAsync("no-such-session"));
    }
}
