using System.Text;
using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>With a certificate configured, TLS is required on control and data by default.</summary>
public sealed partial class TlsTests(ITestOutputHelper output)
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_start_reads_the_certificate_and_key_files_once_and_serves_TLS_with_what_it_read()
    {
        // Each file is a FIFO whose writer hands its content to one reader only: a second load of either file
        // would wait for a writer forever and the host would never listen.
        string directory = TestRun.NewDirectory("cert-once");
        string certificate = Path.Combine(directory, "server.crt.pem");
        string key = Path.Combine(directory, "server.key.pem");
        var writers = new List<Task<ProcessResult>>();
        foreach ((string fifo, string content) in ((string, string)[])[(certificate, TestCertificate.CertFile), (key, TestCertificate.KeyFile)])
        {
            ProcessResult made = await ClientRunner.RunAsync("mkfifo", ["-m", "600", fifo], TimeSpan.FromSeconds(10));
            Assert.True(made.Succeeded, made.Describe());
            writers.Add(ClientRunner.RunAsync("/bin/sh", ["-c", "cat \"$1\" > \"$2\"", "sh", content, fifo], TimeSpan.FromSeconds(90)));
        }

        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(FtpTestServer.UserName, FtpTestServer.Password, TestRun.NewDirectory("cert-once-home")));
        await using HostStartAttempt host = await HostStartAttempt.StartAsync(
            output, await settings.BuildEnvironmentAsync(), directory, "ftpserver", "127.0.0.1:0", "--certfile", certificate, "--keyfile", key);

        Assert.True(host.Listening, $"the host did not serve (a second read of a FIFO waits forever): {host.Output}");
        foreach (Task<ProcessResult> writer in writers)
        {
            ProcessResult written = await writer.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(written.Succeeded, written.Describe());
        }

        int port = int.Parse(ListeningPort().Match(host.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        ProcessResult listing = await ClientRunner.CurlAsync(
            ["--ssl-reqd", "--insecure", "--user", $"{FtpTestServer.UserName}:{FtpTestServer.Password}", "--list-only", $"ftp://127.0.0.1:{port}/"]);
        output.WriteLine(listing.Describe());
        Assert.True(listing.Succeeded, listing.Describe());
    }

    [Fact]
    public async Task USER_and_PASS_before_AUTH_TLS_are_refused_and_the_same_login_succeeds_after_it()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        await using var client = await server.ConnectRawAsync();

        var user = await client.CommandAsync("USER " + FtpTestServer.UserName);
        var pass = await client.CommandAsync("PASS " + FtpTestServer.Password);
        var list = await client.CommandAsync("PWD");

        Assert.Equal(530, user.Code);
        Assert.Equal(530, pass.Code);
        Assert.Equal(530, list.Code);

        // The refusal was the TLS requirement, not the credentials: the same login passes once TLS is up.
        await client.ExpectAsync("AUTH TLS", 234);
        await client.HandshakeAsync();
        await client.LoginAsync(FtpTestServer.UserName, FtpTestServer.Password);
    }

    [Fact]
    public async Task CCC_inside_TLS_is_refused_with_534_and_the_login_goes_on_encrypted()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        await using var client = await server.ConnectRawAsync();
        await client.ExpectAsync("AUTH TLS", 234);
        await client.HandshakeAsync();
        await client.ExpectAsync("USER " + FtpTestServer.UserName, 331);

        var ccc = await client.CommandAsync("CCC");

        Assert.Equal(534, ccc.Code);
        await client.ExpectAsync("PASS " + FtpTestServer.Password, 230);
    }

    [Fact]
    public async Task A_transfer_without_PROT_P_is_refused_when_TLS_data_is_required()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        server.CreateHomeFile("secret.bin", 10_000);
        await using var client = await server.ConnectRawAsync();
        await client.ExpectAsync("AUTH TLS", 234);
        await client.HandshakeAsync();
        await client.LoginAsync(FtpTestServer.UserName, FtpTestServer.Password);

        using var data = await client.OpenPassiveDataAsync();
        var retr = await client.CommandAsync("RETR secret.bin");

        Assert.Equal(521, retr.Code);
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task Commands_pipelined_after_AUTH_TLS_are_discarded_not_run_inside_the_TLS_session()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        await using var client = await server.ConnectRawAsync();

        await client.SendRawAsync(Encoding.ASCII.GetBytes("AUTH TLS\r\nNOOP\r\n"));
        var auth = await client.ReadReplyAsync();
        Assert.Equal(234, auth.Code);
        await client.HandshakeAsync();

        var noop = await client.CommandAsync("NOOP");
        var syst = await client.CommandAsync("SYST");
        var (closed, extra) = await client.WaitForCloseAsync(TimeSpan.FromMilliseconds(500));

        Assert.Equal(200, noop.Code);
        Assert.Equal(215, syst.Code);
        Assert.Empty(extra);
        Assert.False(closed);
    }

    [Fact]
    public async Task AUTH_TLS_then_PBSZ_and_PROT_P_allow_an_encrypted_passive_download()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        var bytes = server.CreateHomeFile("secret.bin", 123_456, seed: 6);
        await using var client = await server.ConnectRawAsync();
        await client.ExpectAsync("AUTH TLS", 234);
        await client.HandshakeAsync();
        await client.LoginAsync(FtpTestServer.UserName, FtpTestServer.Password);
        await client.ExpectAsync("PBSZ 0", 200);
        await client.ExpectAsync("PROT P", 200);
        await client.ExpectAsync("TYPE I", 200);

        using var data = await client.OpenPassiveDataAsync();
        await client.SendLineAsync("RETR secret.bin");
        await using var ssl = new System.Net.Security.SslStream(data.GetStream());
        using (var cts = new CancellationTokenSource(RawFtpClient.DefaultTimeout))
        {
            await ssl.AuthenticateAsClientAsync(RawFtpClient.ClientTlsOptions(), cts.Token);
        }

        var preliminary = await client.ReadReplyAsync();
        var (received, completed) = await RawFtpClient.ReadToEndAsync(ssl);
        var final = await client.ReadReplyAsync();

        Assert.Equal(150, preliminary.Code);
        Assert.True(completed);
        Assert.Equal(bytes, received);
        Assert.Equal(226, final.Code);
    }

    [Fact]
    public async Task Implicit_FTPS_greets_inside_TLS_and_logs_in_without_AUTH()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.UseTls = true;
            s.ImplicitTls = true;
        });
        await using var client = await RawFtpClient.ConnectAsync(server.Host, server.ImplicitPort, log: output, implicitTls: true);

        Assert.Equal(220, client.Greeting.Code);
        await client.LoginAsync(FtpTestServer.UserName, FtpTestServer.Password);
        await client.ExpectAsync("PBSZ 0", 200);
        await client.ExpectAsync("PROT P", 200);
    }

    [Fact]
    public async Task Plain_control_and_data_transfer_a_file_when_TlsControlRequired_and_TlsDataRequired_are_false()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.UseTls = true;
            s.Environment["FtpServer__TlsControlRequired"] = "false";
            s.Environment["FtpServer__TlsDataRequired"] = "false";
        });
        var bytes = server.CreateHomeFile("plain.bin", 20_000, seed: 13);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);

        using var data = await client.OpenPassiveDataAsync();
        await client.ExpectAsync("RETR plain.bin", 150);
        var (received, completed) = await RawFtpClient.ReadToEndAsync(data.GetStream());

        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.True(completed);
        Assert.Equal(bytes, received);
        Assert.False(client.IsTls);
    }

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+) \(FTP\)")]
    private static partial Regex ListeningPort();
}
