using AspNetFtp.Protocol.Server;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>A self-signed certificate and its key for "localhost", written to files the server options point at.</summary>
internal sealed class TestTlsFiles : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TestTlsFiles()
    {
        (string certificate, string key) = TestCertificates.Create("localhost");
        CertificateFile = _directory.WriteFile("server.crt", certificate);
        KeyFile = _directory.WriteFile("server.key", key);
    }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>Points the server's TLS settings at these files.</summary>
    public void Apply(FtpServerOptions options)
    {
        options.Tls.CertificateFile = CertificateFile;
        options.Tls.KeyFile = KeyFile;
    }

    /// <summary>AUTH TLS, the handshake, USER, PASS, PBSZ 0, PROT P and TYPE I on a fresh connection.</summary>
    public static async Task<RawFtpClient> LoginProtectedAsync(TestFtpServer server)
    {
        RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(234, (await client.CommandAsync("AUTH TLS")).Code);
        await client.UpgradeToTlsAsync();
        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + TestAuthenticator.Password)).Code);
        Assert.Equal(200, (await client.CommandAsync("PBSZ 0")).Code);
        Assert.Equal(200, (await client.CommandAsync("PROT P")).Code);
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        return client;
    }

    public void Dispose() => _directory.Dispose();
}
