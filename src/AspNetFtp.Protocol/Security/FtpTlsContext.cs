using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AspNetFtp.Protocol.Server;

namespace AspNetFtp.Protocol.Security;

/// <summary>
/// The server certificate and the TLS settings shared by every control and data connection (TLS 1.2 and 1.3
/// only). One certificate context for all connections lets clients resume the control connection's TLS
/// session on data connections.
/// </summary>
public sealed class FtpTlsContext : IDisposable
{
    private FtpTlsContext(X509Certificate2 certificate)
    {
        Certificate = certificate;
        var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        ControlOptions = Create(context, SslProtocols.Tls12 | SslProtocols.Tls13);
        DownloadOptions = ControlOptions;
        UploadOptions = Create(context, SslProtocols.Tls12);
    }

    /// <summary>The server certificate with its private key, presented in every TLS handshake.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The control connection: TLS 1.2 or 1.3, issuing session tickets clients resume on data connections.</summary>
    public SslServerAuthenticationOptions ControlOptions { get; }

    /// <summary>Data connections that carry data to the client (RETR, listings): like the control connection.</summary>
    public SslServerAuthenticationOptions DownloadOptions { get; }

    /// <summary>
    /// Data connections that carry uploads: TLS 1.2. A TLS 1.3 server sends session tickets after the
    /// handshake; an uploading client never reads them, and when it closes with that unread data its kernel
    /// resets the connection and drops the upload's unsent tail (seen with curl 7.88: cut at 112 KiB).
    /// TLS 1.2 sends its ticket inside the handshake, where the client reads it.
    /// </summary>
    public SslServerAuthenticationOptions UploadOptions { get; }

    private static SslServerAuthenticationOptions Create(SslStreamCertificateContext context, SslProtocols protocols) => new()
    {
        ServerCertificateContext = context,
        EnabledSslProtocols = protocols,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        EncryptionPolicy = EncryptionPolicy.RequireEncryption,
    };

    /// <summary>Loads the configured certificate, or returns null when none is configured.</summary>
    /// <exception cref="FtpConfigurationException">A file is missing, unreadable, or the key does not match.</exception>
    public static FtpTlsContext? Load(FtpServerOptions options)
    {
        FtpTlsOptions tls = options.Tls;
        if (!string.IsNullOrWhiteSpace(tls.PfxFile))
        {
            RequireFile(tls.PfxFile, options.SettingOf("Tls:PfxFile"));
            try
            {
                X509Certificate2 pfx = X509CertificateLoader.LoadPkcs12FromFile(tls.PfxFile, tls.PfxPassword);
                if (!pfx.HasPrivateKey)
                {
                    throw new FtpConfigurationException(options.SettingOf("Tls:PfxFile"), $"'{tls.PfxFile}' holds no private key");
                }

                return new FtpTlsContext(pfx);
            }
            catch (CryptographicException ex)
            {
                throw new FtpConfigurationException(options.SettingOf("Tls:PfxFile"), $"'{tls.PfxFile}' cannot be read: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(tls.CertificateFile))
        {
            if (!string.IsNullOrWhiteSpace(tls.KeyFile))
            {
                throw new FtpConfigurationException(options.SettingOf("Tls:KeyFile"), "a key file is set but no Tls:CertificateFile");
            }

            return null;
        }

        string keyFile = string.IsNullOrWhiteSpace(tls.KeyFile) ? tls.CertificateFile : tls.KeyFile;
        RequireFile(tls.CertificateFile, options.SettingOf("Tls:CertificateFile"));
        RequireFile(keyFile, options.SettingOf("Tls:KeyFile"));
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(tls.CertificateFile, keyFile);
        }
        catch (CryptographicException ex)
        {
            throw new FtpConfigurationException(options.SettingOf("Tls:KeyFile"),
                $"the key in '{keyFile}' cannot be used with the certificate in '{tls.CertificateFile}': {ex.Message}");
        }
        catch (ArgumentException ex) when (ex.ParamName == "privateKey")
        {
            throw new FtpConfigurationException(options.SettingOf("Tls:KeyFile"),
                $"the key in '{keyFile}' does not match the certificate in '{tls.CertificateFile}': {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw new FtpConfigurationException(options.SettingOf("Tls:CertificateFile"),
                $"'{tls.CertificateFile}' or '{keyFile}' holds no usable PEM certificate and key: {ex.Message}");
        }

        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use an ephemeral PEM key; round-trip through PKCS#12.
            X509Certificate2 persisted = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            certificate.Dispose();
            certificate = persisted;
        }

        return new FtpTlsContext(certificate);
    }

    private static void RequireFile(string path, string setting)
    {
        if (!File.Exists(path))
        {
            throw new FtpConfigurationException(setting, $"file '{path}' does not exist");
        }
    }

    /// <summary>Releases the certificate and its key.</summary>
    public void Dispose() => Certificate.Dispose();
}
