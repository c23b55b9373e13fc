using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace AspNetFtp.Protocol.Security;

/// <summary>
/// One loaded certificate and the handshake settings made from it. A session takes the one current at its AUTH TLS
/// (or implicit TLS) handshake and keeps it for its data connections, so a reload never changes the certificate in
/// the middle of a session and the session's TLS tickets stay valid.
/// </summary>
internal sealed class FtpTlsCredentials
{
    public FtpTlsCredentials(X509Certificate2 certificate, SslProtocols minimum)
    {
        Certificate = certificate;
        var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        SslProtocols all = minimum == SslProtocols.Tls13 ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13;
        ControlOptions = Create(context, all);
        DownloadOptions = ControlOptions;

        // TLS 1.2 for uploads unless the minimum forbids it: see FtpTlsContext.UploadOptions.
        UploadOptions = minimum == SslProtocols.Tls13 ? ControlOptions : Create(context, SslProtocols.Tls12);
    }

    public X509Certificate2 Certificate { get; }

    public SslServerAuthenticationOptions ControlOptions { get; }

    public SslServerAuthenticationOptions DownloadOptions { get; }

    public SslServerAuthenticationOptions UploadOptions { get; }

    private static SslServerAuthenticationOptions Create(SslStreamCertificateContext context, SslProtocols protocols) => new()
    {
        ServerCertificateContext = context,
        EnabledSslProtocols = protocols,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        EncryptionPolicy = EncryptionPolicy.RequireEncryption,
    };
}
