using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>Self-signed certificates made on the spot, as PEM text.</summary>
internal static class TestCertificates
{
    public static (string CertificatePem, string KeyPem) Create(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
