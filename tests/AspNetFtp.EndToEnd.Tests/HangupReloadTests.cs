using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>SIGHUP re-reads the settings and the certificate files instead of ending the host (docs/deployment.md, "Signals").</summary>
public sealed class HangupReloadTests(ITestOutputHelper output)
{
    private const string ReloadLine = "SIGHUP: configuration sources re-read";
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task After_sighup_the_host_still_serves_a_session_opened_before_it_accepts_a_new_one_and_logs_the_reload()
    {
        await using FtpTestServer server = await FtpTestServer.StartAsync(output);
        await using var before = await server.ConnectRawAsync(login: true);

        await SendHangupAsync(server);

        Assert.True(await WaitForOutputAsync(server, ReloadLine, 0), server.Process.Output);
        Assert.False(server.Process.HasExited, server.Process.Output);
        await before.ExpectAsync("PWD", 257);
        await using var after = await server.ConnectRawAsync(login: true);
        await after.ExpectAsync("PWD", 257);
    }

    [Fact]
    public async Task A_user_added_to_appsettings_json_can_log_in_after_sighup()
    {
        string directory = TestRun.NewDirectory("hup-users");
        string bobHome = Directory.CreateDirectory(Path.Combine(directory, "bob")).FullName;
        string settingsFile = Path.Combine(directory, "appsettings.json");
        await File.WriteAllTextAsync(settingsFile, "{}");
        await using FtpTestServer server = await FtpTestServer.StartAsync(output, s => s.WorkingDirectory = directory);
        await using (var refused = await server.ConnectRawAsync())
        {
            Assert.Equal(530, (await refused.AttemptLoginAsync("bob", FtpTestServer.Password)).Code);
        }

        // Index 1: the environment holds alice at index 0, and configuration arrays merge by index.
        var bob = new Dictionary<string, string>
        {
            ["Name"] = "bob",
            ["PasswordHash"] = await PasswordHashes.GetAsync(FtpTestServer.Password),
            ["HomeDirectory"] = bobHome,
            ["Permissions"] = "elr",
        };
        var settings = new { FtpServer = new { Users = new Dictionary<string, object> { ["1"] = bob } } };
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(settings));
        await SendHangupAsync(server);
        Assert.True(await WaitForOutputAsync(server, ReloadLine, 0), server.Process.Output);

        await using var client = await server.ConnectRawAsync();
        Assert.Equal(230, (await client.AttemptLoginAsync("bob", FtpTestServer.Password)).Code);
    }

    [Fact]
    public async Task An_invalid_user_read_on_sighup_is_named_in_a_warning_and_the_open_session_goes_on()
    {
        string directory = TestRun.NewDirectory("hup-invalid");
        string settingsFile = Path.Combine(directory, "appsettings.json");
        await File.WriteAllTextAsync(settingsFile, "{}");
        await using FtpTestServer server = await FtpTestServer.StartAsync(output, s => s.WorkingDirectory = directory);
        await using var before = await server.ConnectRawAsync(login: true);
        var settings = new { FtpServer = new { Users = new Dictionary<string, object> { ["1"] = new Dictionary<string, string> { ["Name"] = "bob" } } } };
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(settings));

        await SendHangupAsync(server);

        Assert.True(await WaitForOutputAsync(server, "the re-read settings are invalid: FtpServer:Users:1:PasswordHash", 0), server.Process.Output);
        await before.ExpectAsync("PWD", 257);
    }

    [Fact]
    public async Task A_renewed_certificate_is_taken_on_sighup_when_the_periodic_look_is_off()
    {
        string directory = TestRun.NewDirectory("hup-cert");
        string certificateFile = Path.Combine(directory, "fullchain.pem");
        string keyFile = Path.Combine(directory, "privkey.pem");
        var a = NewCertificate();
        var b = NewCertificate();
        await File.WriteAllTextAsync(certificateFile, a.Certificate);
        await File.WriteAllTextAsync(keyFile, a.Key);
        await using FtpTestServer server = await FtpTestServer.StartAsync(output, s =>
        {
            s.ExtraArguments.AddRange(["--certfile", certificateFile, "--keyfile", keyFile]);
            s.Environment["FtpServer__Tls__ReloadCheckInterval"] = "00:00:00";
        });
        await File.WriteAllTextAsync(certificateFile, b.Certificate);
        await File.WriteAllTextAsync(keyFile, b.Key);

        await SendHangupAsync(server);

        Assert.True(await WaitForOutputAsync(server, "TLS certificate reloaded", 0), server.Process.Output);
        await using var client = await server.ConnectRawAsync();
        await client.ExpectAsync("AUTH TLS", 234);
        await client.UpgradeToTlsAsync();
        Assert.Equal(b.Fingerprint, Convert.ToHexString(SHA256.HashData(client.ServerCertificate!.GetRawCertData())));
    }

    private static async Task SendHangupAsync(FtpTestServer server) =>
        await ClientRunner.RunAsync("kill", ["-HUP", server.Process.ProcessId.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));

    private static async Task<bool> WaitForOutputAsync(FtpTestServer server, string text, int from)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < LogWait)
        {
            string written = server.Process.Output;
            if (written.Length > from && written.IndexOf(text, from, StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static (string Certificate, string Key, string Fingerprint) NewCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }
}
