using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>What an event sink hears about a session (delivered asynchronously, so the tests poll with a deadline).</summary>
public sealed class EventDialogueTests
{
    private static IReadOnlyList<FtpEvent> SessionEvents(IReadOnlyList<FtpEvent> events) =>
        [.. events.Where(e => e is not ServerStarted and not ServerStopped)];

    [Fact]
    public async Task A_scripted_session_raises_each_event_once_with_its_data_and_nothing_for_failed_commands()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("r.txt", "rename me");
        using (FileStream big = File.Create(server.Home["big.bin"]))
        {
            big.SetLength(64L * 1024 * 1024);
        }

        await using (RawFtpClient client = await server.LoginAsync())
        {
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
            await client.UploadAsync("STOR up.txt", "hello"u8.ToArray());
            Assert.Equal("hello"u8.ToArray(), await client.DownloadAsync("RETR up.txt"));
            await AbortDownloadAsync(server, client, "RETR big.bin");
            Assert.Equal(250, (await client.CommandAsync("DELE up.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("DELE missing.txt")).Code);
            Assert.Equal(257, (await client.CommandAsync("MKD dir")).Code);
            Assert.Equal(550, (await client.CommandAsync("MKD dir")).Code);
            Assert.Equal(350, (await client.CommandAsync("RNFR r.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("RNTO moved.txt")).Code);
            Assert.Equal(350, (await client.CommandAsync("RNFR moved.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("RNTO nowhere/moved.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("RMD dir")).Code);
            Assert.Equal(550, (await client.CommandAsync("RMD dir")).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        IReadOnlyList<FtpEvent> events = SessionEvents(await server.Events.WaitForAsync(e => e.Any(x => x is ClientDisconnected)));

        Assert.Equal(
            [typeof(ClientConnected), typeof(LoginSucceeded), typeof(FileReceived), typeof(FileSent), typeof(FileSentIncomplete),
             typeof(FileDeleted), typeof(DirectoryCreated), typeof(FileRenamed), typeof(DirectoryDeleted),
             typeof(LoggedOut), typeof(ClientDisconnected)],
            events.Select(e => e.GetType()));
        Assert.Single(events.Select(e => e.SessionId).Distinct());
        Assert.All(events, e => Assert.Equal(System.Net.IPAddress.Loopback, e.RemoteEndPoint!.Address));
        Assert.All(events.Skip(1), e => Assert.Equal(TestAuthenticator.UserName, e.UserName));
        Assert.Equal(events.Select(e => e.Timestamp).Order(), events.Select(e => e.Timestamp));

        var received = (FileReceived)events[2];
        Assert.Equal(("/up.txt", 5L), (received.Path, received.Bytes));
        Assert.True(received.Duration > TimeSpan.Zero, $"upload duration {received.Duration}");
        var sent = (FileSent)events[3];
        Assert.Equal(("/up.txt", 5L), (sent.Path, sent.Bytes));
        Assert.True(sent.Duration > TimeSpan.Zero, $"download duration {sent.Duration}");
        var cut = (FileSentIncomplete)events[4];
        Assert.Equal("/big.bin", cut.Path);
        Assert.InRange(cut.Bytes, 1, (64L * 1024 * 1024) - 1);
        Assert.True(cut.Duration > TimeSpan.Zero, $"aborted download duration {cut.Duration}");
        Assert.Equal("/up.txt", ((FileDeleted)events[5]).Path);
        Assert.Equal("/dir", ((DirectoryCreated)events[6]).Path);
        Assert.Equal(("/r.txt", "/moved.txt"), (((FileRenamed)events[7]).FromPath, ((FileRenamed)events[7]).ToPath));
        Assert.Equal("/dir", ((DirectoryDeleted)events[8]).Path);
        Assert.True(((ClientDisconnected)events[10]).Duration > TimeSpan.Zero);
    }

    /// <summary>Starts a download the client does not read, waits until bytes have left, then ABOR: 426 and 226.</summary>
    private static async Task AbortDownloadAsync(TestFtpServer server, RawFtpClient client, string command)
    {
        using System.Net.Sockets.Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync(command)).Code);
        using (var timeout = new CancellationTokenSource(RawFtpClient.Timeout))
        {
            while (server.Server.Sessions.List() is not [{ Transfer.Bytes: > 0 }])
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        await client.SendAsync("ABOR");
        Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Every_event_of_a_session_carries_its_id_and_address_and_the_user_after_login()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using (RawFtpClient client = await server.LoginAsync())
        {
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        IReadOnlyList<FtpEvent> events = SessionEvents(await server.Events.WaitForAsync(e => e.Any(x => x is ClientDisconnected)));

        Assert.NotEmpty(events);
        Assert.Single(events.Select(e => e.SessionId).Distinct());
        Assert.All(events, e => Assert.Equal(System.Net.IPAddress.Loopback, e.RemoteEndPoint!.Address));
        Assert.Equal("alice", Assert.IsType<LoginSucceeded>(events[1]).UserName);
    }

    [Fact]
    public async Task A_failed_login_raises_login_failed_with_the_offered_name()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(331, (await client.CommandAsync("USER mallory")).Code);
        Assert.Equal(530, (await client.CommandAsync("PASS guess")).Code);

        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is LoginFailed));

        LoginFailed failed = Assert.Single(events.OfType<LoginFailed>());
        Assert.Equal("mallory", failed.UserName);
        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, failed.Reason);
    }

    [Fact]
    public async Task A_download_raises_file_sent_with_its_size()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.bin", "0123456789");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

        await client.DownloadAsync("RETR f.bin");
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is FileSent));

        FileSent sent = Assert.Single(events.OfType<FileSent>());
        Assert.True(sent.Complete);
        Assert.DoesNotContain(events, e => e is FileSentIncomplete);
        Assert.Equal(10, sent.Bytes);
        Assert.Equal("/f.bin", sent.Path);
    }

    [Fact]
    public async Task Removing_a_directory_raises_directory_deleted()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(250, (await client.CommandAsync("RMD d")).Code);
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is DirectoryDeleted));

        Assert.Equal("/d", Assert.Single(events.OfType<DirectoryDeleted>()).Path);
    }

    [Fact]
    public async Task The_server_announces_its_start_with_the_bound_end_point()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();

        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is ServerStarted));

        ServerStarted started = Assert.Single(events.OfType<ServerStarted>());
        Assert.Equal(server.Server.Listeners[0].EndPoint, Assert.Single(started.EndPoints));
    }
}
