using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Certificate renewal without a restart, <c>Tls:MinimumProtocol</c> and accounts that require TLS, with real
/// clients (python3 ftplib, openssl s_client, curl) against the host.
/// </summary>
public sealed class TlsHardeningTests(ITestOutputHelper output)
{
    private const string PeerFingerprint = """
        import ftplib, hashlib, ssl, sys
        host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ftp = ftplib.FTP_TLS(context=ctx, timeout=15)
        ftp.connect(host, port)
        ftp.auth()
        print(hashlib.sha256(ftp.sock.getpeercert(binary_form=True)).hexdigest().upper())
        ftp.login(user, password)
        ftp.prot_p()
        ftp.nlst()
        ftp.quit()
        """;

    private static (string Certificate, string Key, string Fingerprint) NewCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }

    /// <summary>Writes beside the target and renames over it, as certbot and acme.sh do.</summary>
    private static void ReplaceByRename(string target, string content)
    {
        File.WriteAllText(target + ".tmp", content);
        File.Move(target + ".tmp", target, overwrite: true);
    }

    /// <summary>Waits for the host to write <paramref name="text"/> after <paramref name="from"/> characters of output.</summary>
    private static async Task<bool> WaitForOutputAsync(FtpTestServer server, string text, int from, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
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

    private async Task<string> FingerprintSeenAsync(FtpTestServer server)
    {
        ProcessResult result = await server.PythonAsync(PeerFingerprint);
        Assert.True(result.Succeeded, result.Describe());
        return result.StdOut.Trim();
    }

    [Fact]
    public async Task A_certificate_renewed_by_rename_reaches_new_ftplib_clients_and_a_broken_renewal_keeps_the_current_one()
    {
        string directory = TestRun.NewDirectory("cert-reload");
        string certificateFile = Path.Combine(directory, "fullchain.pem");
        string keyFile = Path.Combine(directory, "privkey.pem");
        var a = NewCertificate();
        var b = NewCertificate();
        File.WriteAllText(certificateFile, a.Certificate);
        File.WriteAllText(keyFile, a.Key);
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.ExtraArguments.AddRange(["--certfile", certificateFile, "--keyfile", keyFile]);
            s.Environment["FtpServer__Tls__ReloadCheckInterval"] = "00:00:00.200";
        });
        Assert.Equal(a.Fingerprint, await FingerprintSeenAsync(server));

        // The certificate renewed, its key not yet: refused once, the current pair stays.
        int mark = server.Process.Output.Length;
        ReplaceByRename(certificateFile, b.Certificate);
        Assert.True(await WaitForOutputAsync(server, "The changed TLS certificate files were not taken", mark, TimeSpan.FromSeconds(20)), server.Process.Output);
        Assert.Equal(a.Fingerprint, await FingerprintSeenAsync(server));

        mark = server.Process.Output.Length;
        ReplaceByRename(keyFile, b.Key);
        Assert.True(await WaitForOutputAsync(server, "TLS certificate reloaded", mark, TimeSpan.FromSeconds(20)), server.Process.Output);

        Assert.Equal(b.Fingerprint, await FingerprintSeenAsync(server));
        Assert.Equal(1, CountOf(server.Process.Output, "The changed TLS certificate files were not taken"));
        Assert.DoesNotContain("   at ", server.Process.Output, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<ProcessResult> OpenSslTls12Async(FtpTestServer server)
    {
        ProcessResult result = await ClientRunner.RunAsync("/bin/sh",
            ["-c", "echo QUIT | openssl s_client -starttls ftp -tls1_2 -connect \"127.0.0.1:$1\"", "sh", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(30));
        output.WriteLine(result.Describe());
        return result;
    }

    [Fact]
    public async Task Openssl_with_tls_1_2_only_is_refused_when_the_minimum_is_tls_1_3()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.UseTls = true;
            s.Environment["FtpServer__Tls__MinimumProtocol"] = "Tls13";
        });

        ProcessResult result = await OpenSslTls12Async(server);

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains("alert protocol version", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openssl_with_tls_1_2_only_is_accepted_at_the_default_minimum()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);

        ProcessResult result = await OpenSslTls12Async(server);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains("Protocol  : TLSv1.2", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_that_requires_tls_is_refused_by_plain_curl_and_served_to_curl_with_ssl_reqd()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.UseTls = true;
            s.Environment["FtpServer__Tls__ControlRequired"] = "false";
            s.Environment["FtpServer__Tls__DataRequired"] = "false";
            s.Users.Add(new FtpTestUser("bob", "Bob-s3cret", TestRun.NewDirectory("bob-home"), RequireTls: true));
        });

        ProcessResult plain = await ClientRunner.CurlAsync(["-v", "--user", "bob:Bob-s3cret", "--list-only", server.Url()]);
        ProcessResult protectedList = await ClientRunner.CurlAsync(["--ssl-reqd", "--insecure", "--user", "bob:Bob-s3cret", "--list-only", server.Url()]);
        ProcessResult otherAccount = await server.CurlAsync("--list-only", server.Url());
        output.WriteLine(plain.Describe());
        output.WriteLine(protectedList.Describe());

        Assert.Equal(67, plain.ExitCode); // CURLE_LOGIN_DENIED
        Assert.Contains("this account requires TLS", plain.StdErr + plain.StdOut, StringComparison.Ordinal);
        Assert.True(protectedList.Succeeded, protectedList.Describe());
        Assert.True(otherAccount.Succeeded, otherAccount.Describe());
    }
}
