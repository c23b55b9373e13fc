using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A self-signed certificate for CN=localhost with SAN 127.0.0.1 and ::1, made once per test
/// run and written as PEM files; no key is ever committed.
/// </summary>
internal static class TestCertificate
{
    private static readonly Lazy<(string CertFile, string KeyFile)> Files = new(Create);

    public static string CertFile => Files.Value.CertFile;

    public static string KeyFile => Files.Value.KeyFile;

    private static (string, string) Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], critical: false));

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var directory = TestRun.NewDirectory("cert");
        var certFile = Path.Combine(directory, "server.crt.pem");
        var keyFile = Path.Combine(directory, "server.key.pem");
        File.WriteAllText(certFile, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        return (certFile, keyFile);
    }
}
