using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>SYST, FEAT, OPTS, HELP, STAT, ABOR, MLST and AUTH without TLS (RFC 959, RFC 2389, RFC 3659, RFC 4217).</summary>
public sealed class InfoDialogueTests
{
    [Fact]
    public async Task Syst_gets_215_unix()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal("215 UNIX Type: L8", (await client.CommandAsync("SYST")).Text);
    }

    [Fact]
    public async Task Feat_lists_the_extensions_in_a_211_multi_line_reply()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        FtpReply reply = await client.CommandAsync("FEAT");

        Assert.Equal(211, reply.Code);
        Assert.True(reply.IsMultiline);
        IReadOnlyList<string> features = [.. reply.Lines.Skip(1).SkipLast(1).Select(l => l.Trim())];
        Assert.Contains("EPSV", features);
        Assert.Contains("EPRT", features);
        Assert.Contains("UTF8", features);
        Assert.Contains("REST STREAM", features);
        Assert.Contains("SIZE", features);
        Assert.Contains("MDTM", features);
        Assert.Contains(features, f => f.StartsWith("MLST type*;size*;", StringComparison.Ordinal));
        Assert.Contains(features, f => f.StartsWith("HASH ", StringComparison.Ordinal) && f.Contains("SHA-256*", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feat_feature_lines_start_with_a_space()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        FtpReply reply = await client.CommandAsync("FEAT");

        Assert.All(reply.Lines.Skip(1).SkipLast(1), line => Assert.StartsWith(" ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feat_without_a_certificate_does_not_offer_auth_tls()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.DoesNotContain(" AUTH TLS", (await client.CommandAsync("FEAT")).Lines);
    }

    [Fact]
    public async Task Auth_tls_without_a_certificate_gets_502_and_the_session_goes_on()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(502, (await client.CommandAsync("AUTH TLS")).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
    }

    [Fact]
    public async Task An_unknown_auth_mechanism_gets_504()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(504, (await client.CommandAsync("AUTH KERBEROS_V4")).Code);
    }

    [Fact]
    public async Task Pbsz_and_prot_without_tls_get_503()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(503, (await client.CommandAsync("PBSZ 0")).Code);
        Assert.Equal(503, (await client.CommandAsync("PROT P")).Code);
    }

    [Fact]
    public async Task Opts_utf8_on_gets_200()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(200, (await client.CommandAsync("OPTS UTF8 ON")).Code);
    }

    [Fact]
    public async Task Opts_utf8_off_gets_504()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(504, (await client.CommandAsync("OPTS UTF8 OFF")).Code);
    }

    [Fact]
    public async Task Opts_with_an_unknown_option_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(501, (await client.CommandAsync("OPTS FROB ON")).Code);
    }

    [Fact]
    public async Task Opts_mlst_selects_the_facts_that_mlst_then_shows()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "12345");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply opts = await client.CommandAsync("OPTS MLST type;size;");
        FtpReply mlst = await client.CommandAsync("MLST f.txt");

        Assert.Equal("200 MLST OPTS type;size;", opts.Text);
        Assert.Equal(" type=file;size=5; /f.txt", mlst.Lines[1]);
    }

    [Fact]
    public async Task Mlst_of_a_file_gets_a_250_multi_line_reply_with_its_facts()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "12345");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("MLST f.txt");

        Assert.Equal(250, reply.Code);
        Assert.Equal(3, reply.Lines.Count);
        Assert.StartsWith(" type=file;size=5;modify=", reply.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith("; /f.txt", reply.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mlst_of_a_missing_path_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("MLST missing")).Code);
    }

    [Fact]
    public async Task Help_lists_the_commands_in_a_214_multi_line_reply()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        FtpReply reply = await client.CommandAsync("HELP");

        Assert.Equal(214, reply.Code);
        Assert.True(reply.IsMultiline);
        string[] verbs = [.. reply.Lines.Skip(1).SkipLast(1).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        Assert.Contains("RETR", verbs);
        Assert.Contains("EPSV", verbs);
        Assert.Contains("MLSD", verbs);
    }

    [Fact]
    public async Task Help_for_a_command_gets_214_with_its_syntax()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        FtpReply reply = await client.CommandAsync("HELP retr");

        Assert.Equal(214, reply.Code);
        Assert.Contains("RETR", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_for_an_unknown_command_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(501, (await client.CommandAsync("HELP FROB")).Code);
    }

    [Fact]
    public async Task Stat_without_a_path_gets_a_211_multi_line_status()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("STAT");

        Assert.Equal(211, reply.Code);
        Assert.True(reply.IsMultiline);
        Assert.Contains(reply.Lines, l => l.Contains("Logged in as alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stat_with_a_path_gets_a_213_multi_line_listing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("d/one.txt", "1");
        server.Home.WriteFile("d/two.txt", "22");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("STAT d");

        Assert.Equal(213, reply.Code);
        Assert.Equal(4, reply.Lines.Count);
        Assert.StartsWith("213-", reply.Lines[0], StringComparison.Ordinal);
        Assert.Contains(reply.Lines, l => l.EndsWith(" one.txt", StringComparison.Ordinal));
        Assert.Contains(reply.Lines, l => l.EndsWith(" two.txt", StringComparison.Ordinal));
        Assert.StartsWith("213 ", reply.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stat_of_a_missing_path_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("STAT missing")).Code);
    }

    [Fact]
    public async Task Abor_with_no_transfer_gets_225()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(225, (await client.CommandAsync("ABOR")).Code);
    }

    [Fact]
    public async Task Abor_closes_an_open_passive_listener()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        System.Net.IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        Assert.Equal(225, (await client.CommandAsync("ABOR")).Code);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RawFtpClient.ConnectSocketAsync(passive));
    }

    [Fact]
    public async Task Clnt_is_noted_with_200()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(200, (await client.CommandAsync("CLNT TestClient 1.0")).Code);
    }
}
