using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>PASV, EPSV, PORT, EPRT (RFC 959 §4.1.2, RFC 2428) and transfers over them; bounce and port stealing refused.</summary>
public sealed class DataConnectionDialogueTests
{
    private static readonly IPAddress Foreign = IPAddress.Parse("127.0.0.2");

    private static async Task<bool> IsClosedByPeerAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(RawFtpClient.Timeout);
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, cts.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // ---- active mode refusals ----

    [Fact]
    public async Task Port_to_a_foreign_address_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync("PORT 127,0,0,2,4,1")).Code);
    }

    [Fact]
    public async Task Eprt_to_a_foreign_address_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync("EPRT |1|127.0.0.2|1025|")).Code);
    }

    [Fact]
    public async Task Port_to_port_21_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync("PORT 127,0,0,1,0,21")).Code);
    }

    [Fact]
    public async Task Eprt_to_a_privileged_port_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync("EPRT |1|127.0.0.1|25|")).Code);
    }

    [Fact]
    public async Task Eprt_with_network_protocol_3_gets_522()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(522, (await client.CommandAsync("EPRT |3|127.0.0.1|5000|")).Code);
    }

    [Theory]
    [InlineData("PORT 127,0,0,1,4")]
    [InlineData("PORT 127,0,0,1,4,300")]
    [InlineData("PORT a,b,c,d,e,f")]
    [InlineData("EPRT |1|not-an-address|5000|")]
    [InlineData("EPRT |1|127.0.0.1|70000|")]
    [InlineData("EPRT |2|127.0.0.1|5000|")]
    [InlineData("EPRT 1,127.0.0.1,5000")]
    public async Task Malformed_port_and_eprt_get_501(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync(command)).Code);
    }

    [Fact]
    public async Task Port_to_the_client_itself_connects_for_a_listing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("listed.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal(200, (await client.CommandAsync($"PORT 127,0,0,1,{port >> 8},{port & 0xFF}")).Code);
        await client.SendAsync("NLST");
        using Socket data = await listener.AcceptSocketAsync();
        Assert.Equal(150, (await client.ReadReplyAsync()).Code);
        string names = Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(data));

        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.Equal("listed.txt\r\n", names);
    }

    // ---- passive mode ----

    [Fact]
    public async Task Pasv_announces_the_control_connection_address()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        IPEndPoint announced = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        Assert.Equal(IPAddress.Loopback, announced.Address);
        Assert.InRange(announced.Port, 1024, 65535);
    }

    [Fact]
    public async Task Pasv_announces_the_masquerade_address_when_one_is_set()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.DataChannel.MasqueradeAddress = "203.0.113.7");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(IPAddress.Parse("203.0.113.7"), RawFtpClient.ParsePasv(await client.CommandAsync("PASV")).Address);
    }

    [Fact]
    public async Task Pasv_takes_its_port_from_the_configured_range()
    {
        int basePort = UnusedPort.TakeRange(51);
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.DataChannel.PassivePorts = $"{basePort}-{basePort + 50}");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.InRange(RawFtpClient.ParsePasv(await client.CommandAsync("PASV")).Port, basePort, basePort + 50);
    }

    [Fact]
    public async Task Pasv_after_epsv_all_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(200, (await client.CommandAsync("EPSV ALL")).Code);

        Assert.Equal(501, (await client.CommandAsync("PASV")).Code);
    }

    [Theory]
    [InlineData("PORT 127,0,0,1,4,1")]
    [InlineData("EPRT |1|127.0.0.1|1025|")]
    public async Task Port_and_eprt_after_epsv_all_get_501(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("EPSV ALL")).Code);

        Assert.Equal(501, (await client.CommandAsync(command)).Code);
    }

    [Fact]
    public async Task Epsv_still_works_after_epsv_all()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("EPSV ALL")).Code);

        Assert.Equal(229, (await client.CommandAsync("EPSV")).Code);
    }

    [Fact]
    public async Task Epsv_with_an_unsupported_protocol_gets_522()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(522, (await client.CommandAsync("EPSV 2")).Code);
    }

    [Fact]
    public async Task A_second_pasv_closes_the_first_listener()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        IPEndPoint first = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        IPEndPoint second;
        do
        {
            // The kernel may in rare cases hand the freed port straight back; ask until it does not.
            second = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));
        }
        while (second.Port == first.Port);

        await Assert.ThrowsAnyAsync<SocketException>(() => RawFtpClient.ConnectSocketAsync(first));
        using Socket data = await RawFtpClient.ConnectSocketAsync(second);
        Assert.Equal(150, (await client.CommandAsync("LIST")).Code);
        await RawFtpClient.ReadToEndAsync(data);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_data_connection_from_a_foreign_address_is_closed_and_the_client_still_gets_its_data()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("data.bin", "the real payload");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        using Socket thief = await RawFtpClient.ConnectSocketAsync(passive, Foreign);
        await client.SendAsync("RETR data.bin");
        Assert.True(await IsClosedByPeerAsync(thief), "the connection from 127.0.0.2 got data or stayed open");

        using Socket owner = await RawFtpClient.ConnectSocketAsync(passive);
        Assert.Equal(150, (await client.ReadReplyAsync()).Code);
        byte[] payload = await RawFtpClient.ReadToEndAsync(owner);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.Equal("the real payload", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task Retr_without_a_data_connection_set_up_gets_425()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(425, (await client.CommandAsync("RETR f.txt")).Code);
    }

    [Fact]
    public async Task Pasv_with_no_connection_coming_gets_425_after_the_data_timeout()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Data = TimeSpan.FromSeconds(1));
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(227, (await client.CommandAsync("PASV")).Code);

        Assert.Equal(425, (await client.CommandAsync("RETR f.txt")).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    // ---- transfers ----

    [Fact]
    public async Task A_binary_upload_then_download_round_trips_every_byte()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        byte[] content = new byte[700_000];
        Random.Shared.NextBytes(content);
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

        await client.UploadAsync("STOR blob.bin", content);
        byte[] back = await client.DownloadAsync("RETR blob.bin");

        Assert.Equal(content, File.ReadAllBytes(server.Home["blob.bin"]));
        Assert.Equal(content, back);
    }

    [Fact]
    public async Task A_binary_download_without_sendfile_round_trips_every_byte()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.UseSendfile = false);
        byte[] content = new byte[300_000];
        Random.Shared.NextBytes(content);
        File.WriteAllBytes(server.Home["blob.bin"], content);
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

        Assert.Equal(content, await client.DownloadAsync("RETR blob.bin"));
    }

    [Fact]
    public async Task An_ascii_download_sends_crlf_line_endings()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("t.txt", "one\ntwo\n");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE A")).Code);

        Assert.Equal("one\r\ntwo\r\n", Encoding.ASCII.GetString(await client.DownloadAsync("RETR t.txt")));
    }

    [Fact]
    public async Task An_ascii_upload_stores_lf_line_endings()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE A")).Code);

        await client.UploadAsync("STOR t.txt", "one\r\ntwo\r\n"u8.ToArray());

        Assert.Equal("one\ntwo\n", File.ReadAllText(server.Home["t.txt"]));
    }

    [Fact]
    public async Task Rest_then_retr_sends_from_the_offset()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.bin", "0123456789");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

        Assert.Equal(350, (await client.CommandAsync("REST 6")).Code);

        Assert.Equal("6789", Encoding.ASCII.GetString(await client.DownloadAsync("RETR f.bin")));
    }

    [Fact]
    public async Task Rest_beyond_the_end_then_retr_gets_554()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.bin", "0123");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(350, (await client.CommandAsync("REST 100")).Code);
        Assert.Equal(554, (await client.CommandAsync("RETR f.bin")).Code);
    }

    [Fact]
    public async Task Rest_then_stor_resumes_the_upload_at_the_offset()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.bin", "0123456789");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

        Assert.Equal(350, (await client.CommandAsync("REST 4")).Code);
        await client.UploadAsync("STOR f.bin", "ab"u8.ToArray());

        Assert.Equal("0123ab", File.ReadAllText(server.Home["f.bin"]));
    }

    [Fact]
    public async Task Appe_adds_to_the_end_of_the_file()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "abc");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

        await client.UploadAsync("APPE f.txt", "def"u8.ToArray());

        Assert.Equal("abcdef", File.ReadAllText(server.Home["f.txt"]));
    }

    [Fact]
    public async Task Stou_stores_under_a_new_name_given_in_the_150_reply()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("report.txt", "old");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();

        FtpReply opening = await client.CommandAsync("STOU report.txt");
        await RawFtpClient.WriteAndCloseAsync(data, "new"u8.ToArray());
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);

        Assert.Equal(150, opening.Code);
        string name = opening.Text[(opening.Text.IndexOf("FILE: ", StringComparison.Ordinal) + 6)..];
        Assert.NotEqual("report.txt", name);
        Assert.Equal("new", File.ReadAllText(server.Home[name]));
        Assert.Equal("old", File.ReadAllText(server.Home["report.txt"]));
    }

    [Fact]
    public async Task Stou_of_an_existing_name_of_the_maximum_length_still_stores_under_a_unique_name()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        string longName = new('n', 255);
        server.Home.WriteFile(longName, "old");
        await using RawFtpClient client = await server.LoginAsync();
        using Socket data = await client.OpenPassiveAsync();

        FtpReply opening = await client.CommandAsync("STOU " + longName);

        Assert.Equal(150, opening.Code);
        await RawFtpClient.WriteAndCloseAsync(data, "new"u8.ToArray());
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Stor_to_a_directory_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("STOR d")).Code);
    }

    [Fact]
    public async Task Retr_of_a_missing_file_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("RETR missing")).Code);
    }

    [Fact]
    public async Task Retr_through_a_link_to_etc_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        File.CreateSymbolicLink(server.Home["etc"], "/etc");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("RETR etc/passwd")).Code);
    }

    [Fact]
    public async Task List_over_pasv_shows_each_entry_as_an_ls_line()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("file.txt", "12345");
        server.Home.CreateDirectory("sub");
        await using RawFtpClient client = await server.LoginAsync();

        string[] lines = Encoding.UTF8.GetString(await client.DownloadAsync("LIST -la")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith('-') && l.Contains(" 5 ", StringComparison.Ordinal) && l.EndsWith(" file.txt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith('d') && l.EndsWith(" sub", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_over_epsv_works_like_over_pasv()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("file.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();
        using Socket data = await client.OpenExtendedPassiveAsync();

        Assert.Equal(150, (await client.CommandAsync("LIST")).Code);
        string listing = Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(data));
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);

        Assert.EndsWith(" file.txt\r\n", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mlsd_sends_fact_lines_for_each_entry()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("file.txt", "12345");
        await using RawFtpClient client = await server.LoginAsync();

        string listing = Encoding.UTF8.GetString(await client.DownloadAsync("MLSD"));

        Assert.StartsWith("type=file;size=5;modify=", listing, StringComparison.Ordinal);
        Assert.EndsWith("; file.txt\r\n", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mlsd_of_a_file_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("file.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync("MLSD file.txt")).Code);
    }

    [Fact]
    public async Task A_listing_of_a_missing_directory_gets_550_before_any_data_connection()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("LIST nowhere")).Code);
    }
}
