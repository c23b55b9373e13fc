using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Transfers;

/// <summary>
/// <c>FtpServer:UploadMode</c> through the wire: what a cut, aborted or completed STOR leaves on disk in each mode,
/// and that the temporary file of an atomic upload is never visible nor reachable.
/// </summary>
public sealed class UploadModeDialogueTests
{
    private const string Old = "the old, good content of the file";
    private static readonly byte[] FirstPart = Encoding.ASCII.GetBytes("first 20 bytes here.");

    private static Task<TestFtpServer> StartAsync(FtpUploadMode mode) => TestFtpServer.StartAsync(configure: o => o.UploadMode = mode);

    /// <summary>Starts an upload, sends <see cref="FirstPart"/> and waits until the server has received all of it.</summary>
    private static async Task<(RawFtpClient Client, Socket Data)> StartCutUploadAsync(TestFtpServer server, string command)
    {
        RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync(command)).Code);
        await data.SendAsync(FirstPart, SocketFlags.None);
        await WaitUntilAsync(() => server.Server.Sessions.List().Any(s => s.Transfer is { } t && t.Bytes == FirstPart.Length));
        return (client, data);
    }

    private static async Task AbortAsync(RawFtpClient client, Socket data)
    {
        await using (client)
        using (data)
        {
            await client.SendAsync("ABOR");
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }
    }

    private static string[] TemporaryFiles(TestFtpServer server) =>
        Directory.GetFiles(server.Home.Path, ".aspnetftp-upload-*", SearchOption.AllDirectories);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the condition did not become true within 20 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Atomic_abor_during_stor_leaves_the_old_file_byte_identical_and_no_temporary_file()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.Atomic);
        server.Home.WriteFile("f.txt", Old);

        (RawFtpClient client, Socket data) = await StartCutUploadAsync(server, "STOR f.txt");
        await AbortAsync(client, data);

        Assert.Equal(Old, File.ReadAllText(server.Home["f.txt"]));
        Assert.Empty(TemporaryFiles(server));
    }

    [Fact]
    public async Task Atomic_client_disconnect_during_stor_leaves_the_old_file_byte_identical_and_no_temporary_file()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.Atomic);
        server.Home.WriteFile("f.txt", Old);

        (RawFtpClient client, Socket data) = await StartCutUploadAsync(server, "STOR f.txt");
        data.Close(0);
        await client.DisposeAsync();
        await WaitUntilAsync(() => TemporaryFiles(server).Length == 0);

        Assert.Equal(Old, File.ReadAllText(server.Home["f.txt"]));
    }

    [Fact]
    public async Task Atomic_completed_stor_replaces_the_old_file_and_leaves_no_temporary_file()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.Atomic);
        server.Home.WriteFile("f.txt", Old);
        await using RawFtpClient client = await server.LoginAsync();

        await client.UploadAsync("STOR f.txt", Encoding.ASCII.GetBytes("new"));

        Assert.Equal("new", File.ReadAllText(server.Home["f.txt"]));
        Assert.Empty(TemporaryFiles(server));
    }

    [Fact]
    public async Task Atomic_appe_appends_to_the_old_file_once_complete()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.Atomic);
        server.Home.WriteFile("f.txt", Old);
        await using RawFtpClient client = await server.LoginAsync();

        await client.UploadAsync("APPE f.txt", Encoding.ASCII.GetBytes(" and more"));

        Assert.Equal(Old + " and more", File.ReadAllText(server.Home["f.txt"]));
        Assert.Empty(TemporaryFiles(server));
    }

    [Fact]
    public async Task Atomic_temporary_name_never_appears_in_list_nlst_or_mlsd_during_the_transfer()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.Atomic);
        server.Home.WriteFile("f.txt", Old);
        (RawFtpClient uploader, Socket data) = await StartCutUploadAsync(server, "STOR f.txt");
        await using RawFtpClient reader = await server.LoginAsync();

        string list = Encoding.UTF8.GetString(await reader.DownloadAsync("LIST -a"));
        string nlst = Encoding.UTF8.GetString(await reader.DownloadAsync("NLST"));
        string mlsd = Encoding.UTF8.GetString(await reader.DownloadAsync("MLSD"));

        Assert.Single(TemporaryFiles(server)); // the upload was still in flight while the listings ran
        Assert.Equal(["f.txt"], nlst.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Single(list.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), line => line.EndsWith(" f.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(".aspnetftp-upload-", list + mlsd, StringComparison.OrdinalIgnoreCase);
        await AbortAsync(uploader, data);
    }

    [Fact]
    public async Task A_client_command_naming_an_upload_temporary_file_gets_550_reserved()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.Atomic);
        server.Home.WriteFile("f.txt", Old);
        (RawFtpClient uploader, Socket data) = await StartCutUploadAsync(server, "STOR f.txt");
        string temporary = Path.GetFileName(Assert.Single(TemporaryFiles(server)));
        await using RawFtpClient reader = await server.LoginAsync();

        FtpReply size = await reader.CommandAsync("SIZE " + temporary);
        FtpReply delete = await reader.CommandAsync("DELE /" + temporary.ToUpperInvariant());

        Assert.Equal((550, "550 File name is reserved."), (size.Code, size.Text));
        Assert.Equal((550, "550 File name is reserved."), (delete.Code, delete.Text));
        await AbortAsync(uploader, data);
        Assert.Equal(Old, File.ReadAllText(server.Home["f.txt"]));
    }

    [Fact]
    public async Task Standard_abor_during_stor_leaves_the_bytes_that_arrived()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.Standard);
        server.Home.WriteFile("f.txt", Old);

        (RawFtpClient client, Socket data) = await StartCutUploadAsync(server, "STOR f.txt");
        await AbortAsync(client, data);

        Assert.Equal(FirstPart, File.ReadAllBytes(server.Home["f.txt"]));
    }

    [Fact]
    public async Task Atomic_resume_keeps_a_cut_stor_so_rest_and_stor_of_the_rest_give_the_whole_file()
    {
        await using TestFtpServer server = await StartAsync(FtpUploadMode.AtomicResume);
        server.Home.WriteFile("f.txt", Old);
        byte[] rest = Encoding.ASCII.GetBytes("and the last part.");

        (RawFtpClient client, Socket data) = await StartCutUploadAsync(server, "STOR f.txt");
        await AbortAsync(client, data);
        Assert.Equal(FirstPart, File.ReadAllBytes(server.Home["f.txt"]));
        await using RawFtpClient resumer = await server.LoginAsync();
        Assert.Equal($"213 {FirstPart.Length}", (await resumer.CommandAsync("SIZE f.txt")).Text);
        Assert.Equal(200, (await resumer.CommandAsync("TYPE I")).Code);
        Assert.Equal(350, (await resumer.CommandAsync($"REST {FirstPart.Length}")).Code);
        await resumer.UploadAsync("STOR f.txt", rest);

        Assert.Equal([.. FirstPart, .. rest], File.ReadAllBytes(server.Home["f.txt"]));
        Assert.Empty(TemporaryFiles(server));
    }
}
