using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;
using AspNetFtp.Testing;

namespace AspNetFtp.Protocol.Tests.Transfers;

/// <summary>
/// The upload seam (<see cref="IFtpUpload"/>): a store is told to complete an upload only when the transfer
/// completed, and to abort it when the client aborted, the data connection broke or the transfer stalled.
/// </summary>
public sealed class UploadCommitDialogueTests
{
    private const FtpFileSystemCapabilities Everything =
        FtpFileSystemCapabilities.ResumeUpload | FtpFileSystemCapabilities.Append | FtpFileSystemCapabilities.Rename
        | FtpFileSystemCapabilities.SetModificationTime | FtpFileSystemCapabilities.SetMode;

    private static async Task<(RawFtpClient Client, Socket Data)> StartUploadAsync(TestFtpServer server, string name)
    {
        RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR " + name)).Code);
        await data.SendAsync(Encoding.ASCII.GetBytes("first part"), SocketFlags.None);
        return (client, data);
    }

    [Fact]
    public async Task A_completed_stor_completes_the_upload_once_and_never_aborts_it()
    {
        var store = new InstrumentedFileSystemFactory(Everything);
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store);
        await using RawFtpClient client = await server.LoginAsync();

        await client.UploadAsync("STOR done.txt", Encoding.ASCII.GetBytes("all of it"));

        Assert.Equal(["complete /done.txt"], store.Uploads.Entries);
        Assert.Equal("all of it", File.ReadAllText(server.Home["done.txt"]));
    }

    [Fact]
    public async Task Abor_during_stor_aborts_the_upload_and_never_completes_it()
    {
        var store = new InstrumentedFileSystemFactory(Everything);
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store);
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "aborted.txt");
        await using (client)
        using (data)
        {
            await client.SendAsync("ABOR");
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        Assert.Equal(["abort /aborted.txt"], store.Uploads.Entries);
    }

    [Fact]
    public async Task A_data_connection_reset_during_stor_aborts_the_upload()
    {
        var store = new InstrumentedFileSystemFactory(Everything);
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store);
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "broken.txt");
        await using (client)
        {
            data.Close(0);

            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        }

        Assert.Equal(["abort /broken.txt"], store.Uploads.Entries);
    }

    [Fact]
    public async Task A_client_that_closes_its_control_connection_and_then_its_data_connection_gets_its_upload_aborted()
    {
        // What a killed client's kernel does: the control connection closes, then the data connection, each with a
        // plain FIN, so the data ends as cleanly as a finished upload would. (When both close at once, the check in
        // TransferRunner catches what the session's end has not yet: FtpTransportTests and the storage suite; when
        // the data closes first, the next test.)
        var store = new InstrumentedFileSystemFactory(Everything);
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store);
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "killed.txt");
        await client.DisposeAsync();
        data.Shutdown(SocketShutdown.Send);
        data.Dispose();

        await Eventually.TrueAsync(() => store.Uploads.Entries.Count > 0, TimeSpan.FromSeconds(20), "the upload to be completed or aborted");

        Assert.Equal(["abort /killed.txt"], store.Uploads.Entries);
        Assert.False(File.Exists(server.Home["killed.txt"]));
    }

    [Fact]
    public async Task A_client_killed_while_its_data_connection_was_quiet_gets_its_upload_aborted_though_the_data_closed_first()
    {
        // A client killed while it waited for input (everything it had was sent): its kernel may close the data
        // connection a moment before the control connection. The quiet data connection earns the control
        // connection a grace to close in, and the upload is aborted, not completed.
        var store = new InstrumentedFileSystemFactory(Everything);
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store);
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "killed.txt");
        await Task.Delay(TimeSpan.FromMilliseconds(150));
        data.Shutdown(SocketShutdown.Send);
        data.Dispose();
        await Task.Delay(TimeSpan.FromMilliseconds(30));
        await client.DisposeAsync();

        await Eventually.TrueAsync(() => store.Uploads.Entries.Count > 0, TimeSpan.FromSeconds(20), "the upload to be completed or aborted");

        Assert.Equal(["abort /killed.txt"], store.Uploads.Entries);
        Assert.False(File.Exists(server.Home["killed.txt"]));
    }

    [Fact]
    public async Task A_client_that_paused_before_closing_its_data_connection_and_stays_gets_226_and_its_whole_file()
    {
        var store = new InstrumentedFileSystemFactory(Everything);
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store);
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "paused.txt");
        await using (client)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(150));
            await data.SendAsync(Encoding.ASCII.GetBytes(", second part"), SocketFlags.None);
            await Task.Delay(TimeSpan.FromMilliseconds(150));
            data.Shutdown(SocketShutdown.Send);
            data.Dispose();

            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        Assert.Equal(["complete /paused.txt"], store.Uploads.Entries);
        Assert.Equal("first part, second part", File.ReadAllText(server.Home["paused.txt"]));
    }

    [Fact]
    public async Task A_stalled_stor_aborts_the_upload_when_the_data_timeout_passes()
    {
        var store = new InstrumentedFileSystemFactory(Everything);
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store, configure: o => o.Timeouts.Data = TimeSpan.FromSeconds(1));
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "stalled.txt");
        await using (client)
        using (data)
        {
            // Nothing more is sent and the data connection stays open.
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        }

        Assert.Equal(["abort /stalled.txt"], store.Uploads.Entries);
    }

    [Fact]
    public async Task A_store_that_cannot_complete_the_upload_turns_226_into_its_reply_and_the_event_incomplete()
    {
        var store = new InstrumentedFileSystemFactory(Everything) { Uploads = { FailCompleteWith = FtpFileSystemError.InsufficientStorage } };
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: store);
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR full.txt")).Code);

        await RawFtpClient.WriteAndCloseAsync(data, Encoding.ASCII.GetBytes("too much"));

        Assert.Equal(452, (await client.ReadReplyAsync()).Code);
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is FileReceivedIncomplete));
        Assert.Equal("/full.txt", Assert.Single(events.OfType<FileReceivedIncomplete>()).Path);
        Assert.DoesNotContain(events, e => e is FileReceived);
        Assert.Equal(["complete /full.txt"], store.Uploads.Entries);
    }

    [Fact]
    public async Task A_completed_upload_event_carries_the_transfer_duration()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        await client.UploadAsync("STOR timed.txt", Encoding.ASCII.GetBytes("x"));

        FileReceived received = Assert.Single((await server.Events.WaitForAsync(e => e.Any(x => x is FileReceived))).OfType<FileReceived>());
        Assert.True(received.Complete);
        Assert.True(received.Duration > TimeSpan.Zero, $"duration {received.Duration}");
    }
}
