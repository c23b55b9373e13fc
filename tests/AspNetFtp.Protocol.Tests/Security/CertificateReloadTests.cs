using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Security;

/// <summary>
/// Certificate renewal without a restart: the files are replaced by rename (as certbot and acme.sh do, the
/// certificate and the key a moment apart); a pair that loads and matches is used for new handshakes, anything else
/// keeps the current certificate, and open sessions keep the certificate of their own handshake.
/// </summary>
public sealed class CertificateReloadTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly (string Certificate, string Key) _a = TestCertificates.Create("a.example");
    private readonly (string Certificate, string Key) _b = TestCertificates.Create("b.example");

    public void Dispose() => _dir.Dispose();

    private string CertificateFile => _dir["server.crt"];

    private string KeyFile => _dir["server.key"];

    /// <summary>Writes a temporary file beside the target and renames it over the target, as certbot does.</summary>
    private void ReplaceByRename(string target, string content)
    {
        string temporary = target + ".new";
        File.WriteAllText(temporary, content);
        File.Move(temporary, target, overwrite: true);
    }

    private FtpServerOptions Options(TimeSpan? interval = null)
    {
        File.WriteAllText(CertificateFile, _a.Certificate);
        File.WriteAllText(KeyFile, _a.Key);
        return new FtpServerOptions { Tls = { CertificateFile = CertificateFile, KeyFile = KeyFile, ReloadCheckInterval = interval ?? TimeSpan.FromMinutes(1) } };
    }

    private static string Fingerprint(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    private static string FingerprintOf(string certificatePem)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPem(certificatePem);
        return Fingerprint(certificate);
    }

    [Fact]
    public void A_certificate_renewed_before_its_key_keeps_the_current_pair_until_the_key_arrives_and_reports_it_once()
    {
        using FtpTlsContext tls = FtpTlsContext.Load(Options())!;

        ReplaceByRename(CertificateFile, _b.Certificate);
        FtpTlsReloadResult halfWay = tls.TryReload(out string? problem);
        FtpTlsReloadResult again = tls.TryReload(out string? secondProblem);

        Assert.Equal(FtpTlsReloadResult.Failed, halfWay);
        Assert.StartsWith("FtpServer:Tls:KeyFile: the key in '" + KeyFile + "' does not match the certificate", problem, StringComparison.Ordinal);
        Assert.Equal(FtpTlsReloadResult.Unchanged, again);
        Assert.Null(secondProblem);
        Assert.Equal(FingerprintOf(_a.Certificate), Fingerprint(tls.Certificate));

        ReplaceByRename(KeyFile, _b.Key);

        Assert.Equal(FtpTlsReloadResult.Reloaded, tls.TryReload(out _));
        Assert.Equal(FingerprintOf(_b.Certificate), Fingerprint(tls.Certificate));
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal(FtpTlsReloadResult.Unchanged, tls.TryReload(out _));
    }

    [Fact]
    public void A_truncated_certificate_file_keeps_the_current_certificate()
    {
        using FtpTlsContext tls = FtpTlsContext.Load(Options())!;

        ReplaceByRename(CertificateFile, _b.Certificate[..(_b.Certificate.Length / 2)]);

        Assert.Equal(FtpTlsReloadResult.Failed, tls.TryReload(out string? problem));
        Assert.StartsWith($"FtpServer:Tls:KeyFile: the key in '{KeyFile}' cannot be used with the certificate in '{CertificateFile}'", problem, StringComparison.Ordinal);
        Assert.Equal(FingerprintOf(_a.Certificate), Fingerprint(tls.Certificate));
    }

    [Fact]
    public void A_certificate_file_that_disappears_keeps_the_current_certificate()
    {
        using FtpTlsContext tls = FtpTlsContext.Load(Options())!;

        File.Delete(KeyFile);

        Assert.Equal(FtpTlsReloadResult.Failed, tls.TryReload(out string? problem));
        Assert.Equal($"FtpServer:Tls:KeyFile: file '{KeyFile}' does not exist", problem);
        Assert.Equal(FtpTlsReloadResult.Unchanged, tls.TryReload(out _));
        Assert.Equal(FingerprintOf(_a.Certificate), Fingerprint(tls.Certificate));
    }

    [Fact]
    public async Task Each_look_that_finds_changed_files_counts_one_reload_or_one_failure_and_publishes_the_reload()
    {
        using FtpTlsContext tls = FtpTlsContext.Load(Options())!;
        using var recorder = new MetricRecorder();
        var events = new RecordingEventSink();
        await using var queue = new AspNetFtp.Protocol.Events.FtpEventQueue([events], Microsoft.Extensions.Logging.Abstractions.NullLogger<AspNetFtp.Protocol.Events.FtpEventQueue>.Instance);
        var reload = new TlsCertificateReload(tls, TimeSpan.FromMinutes(1), TimeProvider.System, queue, recorder.Metrics, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        ReplaceByRename(CertificateFile, _b.Certificate);
        Assert.Equal(FtpTlsReloadResult.Failed, reload.CheckOnce());
        Assert.Equal(FtpTlsReloadResult.Unchanged, reload.CheckOnce());
        ReplaceByRename(KeyFile, _b.Key);
        Assert.Equal(FtpTlsReloadResult.Reloaded, reload.CheckOnce());

        Assert.Equal(["result=failed", "result=reloaded"],
            recorder.Of("ftp.tls.certificate_reloads").Select(m => string.Join(",", m.Tags.Select(t => $"{t.Key}={t.Value}"))).ToArray());
        IReadOnlyList<FtpEvent> published = await events.WaitForAsync(e => e.OfType<TlsCertificateReloaded>().Any());
        Assert.Equal(FingerprintOf(_b.Certificate), Assert.Single(published.OfType<TlsCertificateReloaded>()).Fingerprint);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_certificate_file_replaced_by_a_fifo_is_refused_without_being_opened()
    {
        using FtpTlsContext tls = FtpTlsContext.Load(Options())!;
        File.Delete(KeyFile);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", ["-m", "600", KeyFile]))
        {
            await mkfifo.WaitForExitAsync();
        }

        // Opening a FIFO with no writer waits forever: the look must answer without opening it.
        Task<FtpTlsReloadResult> look = Task.Run(() => tls.TryReload(out _));
        FtpTlsReloadResult result = await look.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(FtpTlsReloadResult.Failed, result);
        Assert.Equal(FingerprintOf(_a.Certificate), Fingerprint(tls.Certificate));
    }

    [Fact]
    public async Task A_new_client_sees_the_renewed_certificate_while_an_open_session_keeps_its_own_on_data_connections()
    {
        FtpServerOptions configured = Options(TimeSpan.FromMilliseconds(100));
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.Tls.CertificateFile = configured.Tls.CertificateFile;
            o.Tls.KeyFile = configured.Tls.KeyFile;
            o.Tls.ReloadCheckInterval = configured.Tls.ReloadCheckInterval;
        });
        await File.WriteAllTextAsync(Path.Combine(server.Home.Path, "f.txt"), "payload");
        await using RawFtpClient before = await TestTlsFiles.LoginProtectedAsync(server);
        Assert.Equal(FingerprintOf(_a.Certificate), Fingerprint(before.ServerCertificate!));

        ReplaceByRename(KeyFile, _b.Key);
        ReplaceByRename(CertificateFile, _b.Certificate);
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.OfType<TlsCertificateReloaded>().Any(), TimeSpan.FromSeconds(20));

        Assert.Equal(FingerprintOf(_b.Certificate), Assert.Single(events.OfType<TlsCertificateReloaded>()).Fingerprint);
        Assert.Equal("CN=b.example", events.OfType<TlsCertificateReloaded>().Single().Subject);
        await using (RawFtpClient after = await TestTlsFiles.LoginProtectedAsync(server))
        {
            Assert.Equal(FingerprintOf(_b.Certificate), Fingerprint(after.ServerCertificate!));
        }

        using Socket socket = await before.OpenPassiveAsync();
        Assert.Equal(150, (await before.CommandAsync("RETR f.txt")).Code);
        string dataCertificate;
        await using (SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false)))
        {
            dataCertificate = Fingerprint(data.RemoteCertificate!);
            await RawFtpClient.ReadToEndAsync(data);
        }

        socket.Shutdown(SocketShutdown.Both);
        Assert.Equal(226, (await before.ReadReplyAsync()).Code);
        Assert.Equal(FingerprintOf(_a.Certificate), dataCertificate);
    }
}
