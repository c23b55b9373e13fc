using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>What an event sink hears about a session (delivered asynchronously, so the tests poll with a deadline).</summary>
public sealed class EventDialogueTests
{
    private static IReadOnlyList<FtpEvent> SessionEvents(IReadOnlyList<FtpEvent> events) =>
        [.. events.Where(e => e is not ServerStarted and not ServerStopped)];

    [Fact]
    public async Task A_scripted_session_raises_each_event_in_order()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using (RawFtpClient client = await server.LoginAsync())
        {
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
            await client.UploadAsync("STOR up.txt", "hello"u8.ToArray());
            Assert.Equal(257, (await client.CommandAsync("MKD dir")).Code);
            Assert.Equal(350, (await client.CommandAsync("RNFR up.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("RNTO moved.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("DELE moved.txt")).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        IReadOnlyList<FtpEvent> events = SessionEvents(await server.Events.WaitForAsync(e => e.Any(x => x is ClientDisconnected)));

        Assert.Equal(
            [typeof(ClientConnected), typeof(LoginSucceeded), typeof(FileReceived), typeof(DirectoryCreated),
             typeof(FileRenamed), typeof(FileDeleted), typeof(LoggedOut), typeof(ClientDisconnected)],
            events.Select(e => e.GetType()));
        var received = (FileReceived)events[2];
        Assert.True(received.Complete);
        Assert.Equal(5, received.Bytes);
        Assert.Equal("/up.txt", received.Path);
        Assert.Equal("/dir", ((DirectoryCreated)events[3]).Path);
        Assert.Equal(("/up.txt", "/moved.txt"), (((FileRenamed)events[4]).FromPath, ((FileRenamed)events[4]).ToPath));
        Assert.Equal("/moved.txt", ((FileDeleted)events[5]).Path);
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
