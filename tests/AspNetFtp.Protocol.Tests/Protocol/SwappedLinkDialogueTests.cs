using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Security issue 6: check, then open. Session A asks for a file and waits before connecting to the data
/// port; session B meanwhile turns a path component into a link that leads outside the home, using only
/// links that resolve inside the home where they start. A must receive the file that was checked.
/// The "outside" file sits in a sibling of the home (both are temp directories under one parent), so a
/// relative link <c>../SIBLING/secret.txt</c> resolves inside the home from a subdirectory and outside from the root.
/// </summary>
public sealed class SwappedLinkDialogueTests : IDisposable
{
    private const string Secret = "outside secret";
    private readonly TempDirectory _outside = new();

    public SwappedLinkDialogueTests() => _outside.WriteFile("secret.txt", Secret);

    public void Dispose() => _outside.Dispose();

    private string Sibling => Path.GetFileName(_outside.Path);

    private async Task<TestFtpServer> StartAsync()
    {
        TestFtpServer server = await TestFtpServer.StartAsync();
        Assert.Equal(Path.GetDirectoryName(_outside.Path), Path.GetDirectoryName(server.Home.Path));
        Assert.True(server.Options.UseSendfile);
        return server;
    }

    /// <summary>TYPE I, PASV, the RETR, without connecting; STAT proves the RETR has been handled. Returns the data port.</summary>
    private static async Task<IPEndPoint> RetrWithoutConnectingAsync(RawFtpClient client, string path)
    {
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        FtpReply pasv = await client.CommandAsync("PASV");
        Assert.Equal(227, pasv.Code);
        await client.SendAsync("RETR " + path);
        FtpReply status = await client.CommandAsync("STAT");
        Assert.Equal(211, status.Code);
        Assert.Contains(status.Lines, l => l.Contains("Transfer in progress: RETR", StringComparison.Ordinal));
        return RawFtpClient.ParsePasv(pasv);
    }

    /// <summary>Connects to the data port now, and reads the transfer to its end.</summary>
    private static async Task<string> ReceiveAsync(RawFtpClient client, IPEndPoint dataPort)
    {
        using (Socket data = await RawFtpClient.ConnectSocketAsync(dataPort))
        {
            Assert.Equal(150, (await client.ReadReplyAsync()).Code);
            byte[] bytes = await RawFtpClient.ReadToEndAsync(data);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    private static async Task RenameAsync(RawFtpClient client, string from, string to)
    {
        Assert.Equal(350, (await client.CommandAsync("RNFR " + from)).Code);
        Assert.Equal(250, (await client.CommandAsync("RNTO " + to)).Code);
    }

    [Fact]
    public async Task Retr_never_sends_a_file_that_a_link_swapped_in_before_the_data_connection_points_outside_the_home()
    {
        await using TestFtpServer server = await StartAsync();
        server.Home.WriteFile(Path.Join(Sibling, "secret.txt"), "harmless decoy");
        server.Home.CreateDirectory("sub");
        File.CreateSymbolicLink(server.Home["sub/readme"], $"../{Sibling}/secret.txt");
        await using RawFtpClient a = await server.LoginAsync();
        await using RawFtpClient b = await server.LoginAsync();
        await a.UploadAsync("STOR /x", "mine"u8.ToArray());

        IPEndPoint data = await RetrWithoutConnectingAsync(a, "/x");
        await RenameAsync(b, "/sub/readme", "/x");
        Assert.Equal(Secret, File.ReadAllText(server.Home["x"])); // the swapped name now leads outside

        Assert.Equal("mine", await ReceiveAsync(a, data));
    }

    [Fact]
    public async Task Retr_never_sends_a_file_that_a_directory_moved_before_the_data_connection_leads_outside_the_home()
    {
        await using TestFtpServer server = await StartAsync();
        server.Home.WriteFile($"t/{Sibling}/secret.txt", "harmless decoy");
        server.Home.CreateDirectory("a/b");
        File.CreateSymbolicLink(server.Home["a/b/up"], "../..");
        File.CreateSymbolicLink(server.Home[$"a/b/{Sibling}"], $"up/{Sibling}");
        await using RawFtpClient a = await server.LoginAsync();
        await using RawFtpClient b = await server.LoginAsync();

        IPEndPoint data = await RetrWithoutConnectingAsync(a, $"/t/{Sibling}/secret.txt");
        await RenameAsync(b, "/t", "/t.old");
        await RenameAsync(b, "/a/b", "/t"); // b's "up -> ../.." now climbs one level above the home
        Assert.Equal(Secret, File.ReadAllText(server.Home[$"t/{Sibling}/secret.txt"]));

        Assert.Equal("harmless decoy", await ReceiveAsync(a, data));
    }

    [Fact]
    public async Task Retr_of_a_name_that_already_leads_outside_the_home_gets_550()
    {
        await using TestFtpServer server = await StartAsync();
        File.CreateSymbolicLink(server.Home["x"], $"../{Sibling}/secret.txt");
        await using RawFtpClient a = await server.LoginAsync();

        Assert.Equal(200, (await a.CommandAsync("TYPE I")).Code);
        Assert.Equal(227, (await a.CommandAsync("PASV")).Code);
        Assert.Equal(550, (await a.CommandAsync("RETR /x")).Code);
    }
}
