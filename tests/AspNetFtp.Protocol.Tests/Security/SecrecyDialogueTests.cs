using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Security;

/// <summary>
/// What must never leave the server: PASS arguments in any log (message, exception, structured value or
/// scope), and exception messages or physical paths in any reply.
/// </summary>
public sealed class SecrecyDialogueTests
{
    private const string RightPassword = "Pw-R1ght-7f3c9e-Zebra";
    private const string WrongPassword = "Pw-Wr0ng-41d2aa-Okapi";

    private static void AssertNowhereInLogs(RecordingLoggerProvider logs, string secret)
    {
        Assert.NotEmpty(logs.Records);
        foreach (LogRecord record in logs.Records)
        {
            Assert.False(record.AllText().Any(t => t.Contains(secret, StringComparison.Ordinal)), $"the secret reached a log: {record}");
        }
    }

    private static void AssertInLogs(RecordingLoggerProvider logs, string text) =>
        Assert.Contains(logs.Records, r => r.AllText().Any(t => t.Contains(text, StringComparison.Ordinal)));

    [Fact]
    public async Task A_right_password_never_reaches_a_log()
    {
        var logs = new RecordingLoggerProvider();
        await using (TestFtpServer server = await TestFtpServer.StartAsync(logs: logs))
        {
            server.Authenticator.AddUser("carol", RightPassword, server.Home.Path);
            await using RawFtpClient client = await server.ConnectAsync();
            Assert.Equal(331, (await client.CommandAsync("USER carol")).Code);
            Assert.Equal(230, (await client.CommandAsync("PASS " + RightPassword)).Code);
            Assert.Equal(230, (await client.CommandAsync("PASS " + RightPassword)).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
            Assert.True(await client.IsClosedByServerAsync());
        }

        // The recorder saw the login (so the scan below is not vacuous): the user's name is logged, the password never.
        AssertInLogs(logs, "carol");
        AssertNowhereInLogs(logs, RightPassword);
    }

    [Fact]
    public async Task A_wrong_password_never_reaches_a_log()
    {
        var logs = new RecordingLoggerProvider();
        await using (TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxLoginFailures = 2, logs: logs))
        {
            await using RawFtpClient client = await server.ConnectAsync();
            Assert.Equal(503, (await client.CommandAsync("PASS " + WrongPassword)).Code);
            Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
            Assert.Equal(530, (await client.CommandAsync("PASS " + WrongPassword)).Code);
            Assert.Equal(331, (await client.CommandAsync("USER nobody")).Code);
            Assert.Equal(530, (await client.CommandAsync("PASS " + WrongPassword)).Code);
            Assert.Equal(421, (await client.ReadReplyAsync()).Code);
            Assert.True(await client.IsClosedByServerAsync());
        }

        AssertInLogs(logs, "nobody");
        AssertNowhereInLogs(logs, WrongPassword);
    }

    [Fact]
    public async Task A_password_the_authenticator_throws_on_never_reaches_a_log()
    {
        var logs = new RecordingLoggerProvider();
        await using (TestFtpServer server = await TestFtpServer.StartAsync(logs: logs))
        {
            server.Authenticator.AddUser("carol", RightPassword, server.Home.Path);
            server.Authenticator.ForcedFailure = FtpAuthenticationStatus.ServiceUnavailable;
            await using RawFtpClient client = await server.ConnectAsync();
            Assert.Equal(331, (await client.CommandAsync("USER carol")).Code);
            Assert.Equal(421, (await client.CommandAsync("PASS " + RightPassword)).Code);
            Assert.True(await client.IsClosedByServerAsync());
        }

        AssertInLogs(logs, "carol");
        AssertNowhereInLogs(logs, RightPassword);
    }

    public static TheoryData<string> Faults => ["io", "unauthorized", "not-found", "storage-denied", "storage-unavailable", "bug"];

    // Storage reports errors as FtpFileSystemException (the IFtpFileSystem contract); a storage bug may throw anything else.
    private static Exception MakeFault(string kind, string home, string marker) => kind switch
    {
        "io" => new FtpFileSystemException(FtpFileSystemError.Unavailable, $"{marker}: I/O error on '{home}/f.txt'", new IOException($"{marker}: EIO '{home}/f.txt'")),
        "unauthorized" => new UnauthorizedAccessException($"{marker}: Access to the path '{home}/f.txt' is denied."),
        "not-found" => new FtpFileSystemException(FtpFileSystemError.NotFound, $"{marker}: '{home}/d/f.txt' not found", new DirectoryNotFoundException($"{marker}: Could not find a part of the path '{home}/d/f.txt'.")),
        "storage-denied" => new FtpFileSystemException(FtpFileSystemError.AccessDenied, $"{marker}: denied on {home}"),
        "storage-unavailable" => new FtpFileSystemException(FtpFileSystemError.Unavailable, $"{marker}: volume {home} offline"),
        _ => new InvalidOperationException($"{marker}: unexpected state under {home}"),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task No_reply_carries_the_storage_exception_message_or_the_home_path(string kind)
    {
        string marker = "Kaboom-" + Guid.NewGuid().ToString("N");
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: new FaultyFileSystemFactory(home => MakeFault(kind, home, marker)));
        await using RawFtpClient client = await server.LoginAsync();

        List<FtpReply> replies = await RunEveryStorageCommandAsync(client);

        Assert.Contains(replies, r => r.Code is 451 or 550);
        AssertNoLeak(replies, server.Home.Path, marker);
    }

    [Fact]
    public async Task No_reply_carries_the_home_path_when_the_home_vanishes_after_login()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();
        Directory.Delete(server.Home.Path, recursive: true);

        List<FtpReply> replies = await RunEveryStorageCommandAsync(client);

        Assert.Contains(replies, r => r.Code == 550);
        AssertNoLeak(replies, server.Home.Path, marker: null);
    }

    [Fact]
    public async Task A_home_that_cannot_be_created_refuses_the_login_with_530_and_names_no_path()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        string blocker = server.Home.WriteFile("blocker", "a file where a directory should be");
        server.Authenticator.AddUser("carol", RightPassword, Path.Combine(blocker, "home"));
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(331, (await client.CommandAsync("USER carol")).Code);
        FtpReply pass = await client.CommandAsync("PASS " + RightPassword);

        Assert.Equal(530, pass.Code);
        AssertNoLeak([pass], server.Home.Path, marker: null);
    }

    private static void AssertNoLeak(IEnumerable<FtpReply> replies, string home, string? marker)
    {
        string homeName = Path.GetFileName(home);
        foreach (FtpReply reply in replies)
        {
            Assert.DoesNotContain(homeName, reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), reply.Text, StringComparison.Ordinal);
            if (marker is not null)
            {
                Assert.DoesNotContain(marker, reply.Text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Every verb that reaches the storage, each reply recorded (data commands over a fresh PASV).</summary>
    private static async Task<List<FtpReply>> RunEveryStorageCommandAsync(RawFtpClient client)
    {
        var replies = new List<FtpReply>();
        string[] control =
        [
            "CWD d", "MKD n", "RMD d", "DELE f.txt", "RNFR f.txt", "RNTO g.txt", "SIZE f.txt", "MDTM f.txt",
            "MFMT 20200101000000 f.txt", "MDTM 20200101000000 f.txt", "HASH f.txt", "MLST f.txt", "STAT f.txt",
            "SITE CHMOD 644 f.txt", "CDUP", "XMKD x", "XRMD d", "XCWD d",
        ];
        foreach (string command in control)
        {
            replies.Add(await client.CommandAsync(command));
        }

        string[] data = ["LIST", "LIST d", "NLST", "MLSD", "RETR f.txt", "STOR f.txt", "APPE f.txt", "STOU"];
        foreach (string command in data)
        {
            FtpReply pasv = await client.CommandAsync("PASV");
            replies.Add(pasv);
            using Socket socket = await RawFtpClient.ConnectSocketAsync(RawFtpClient.ParsePasv(pasv));
            FtpReply reply = await client.CommandAsync(command);
            replies.Add(reply);
            if (reply.Code != 150)
            {
                continue;
            }

            try
            {
                if (command.StartsWith("STOR", StringComparison.Ordinal) || command.StartsWith("APPE", StringComparison.Ordinal) || command == "STOU")
                {
                    await RawFtpClient.WriteAndCloseAsync(socket, "upload"u8.ToArray());
                }
                else
                {
                    await RawFtpClient.ReadToEndAsync(socket);
                }
            }
            catch (SocketException)
            {
                // The server may reset the data connection when the storage fails; the reply is what counts.
            }

            replies.Add(await client.ReadReplyAsync());
        }

        replies.Add(await client.CommandAsync("NOOP"));
        return replies;
    }
}
