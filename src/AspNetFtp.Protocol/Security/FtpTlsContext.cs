using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AspNetFtp.Protocol.Server;

namespace AspNetFtp.Protocol.Security;

/// <summary>
/// The server certificate and the TLS settings of every control and data connection (TLS 1.2 and 1.3 only, or
/// 1.3 only). One certificate context for all connections lets clients resume the control connection's TLS
/// session on data connections. <see cref="TryReload"/> reads the files again and, when they changed and hold a
/// certificate with its matching key, makes that pair the one new handshakes use; sessions keep the pair of their
/// own handshake (<see cref="Current"/> at that moment).
/// </summary>
public sealed class FtpTlsContext : IDisposable
{
    private readonly FtpServerOptions _options;
    private FtpTlsCredentials _current;
    private byte[] _seen;

    private FtpTlsContext(FtpServerOptions options, FtpTlsCredentials credentials, byte[] seen)
    {
        _options = options;
        _current = credentials;
        _seen = seen;
    }

    /// <summary>The current server certificate with its private key, presented in new TLS handshakes.</summary>
    public X509Certificate2 Certificate => Current.Certificate;

    /// <summary>The control connection: TLS 1.2 or 1.3, issuing session tickets clients resume on data connections.</summary>
    public SslServerAuthenticationOptions ControlOptions => Current.ControlOptions;

    /// <summary>Data connections that carry data to the client (RETR, listings): like the control connection.</summary>
    public SslServerAuthenticationOptions DownloadOptions => Current.DownloadOptions;

    /// <summary>
    /// Data connections that carry uploads: TLS 1.2 (unless <see cref="FtpTlsOptions.MinimumProtocol"/> is 1.3). A
    /// TLS 1.3 server sends session tickets after the handshake; an uploading client never reads them, and when it
    /// closes with that unread data its kernel resets the connection and drops the upload's unsent tail (seen with
    /// curl 7.88: cut at 112 KiB). TLS 1.2 sends its ticket inside the handshake, where the client reads it.
    /// </summary>
    public SslServerAuthenticationOptions UploadOptions => Current.UploadOptions;

    /// <summary>The pair new handshakes use; a session keeps the one it got at its own handshake.</summary>
    internal FtpTlsCredentials Current => Volatile.Read(ref _current);

    /// <summary>Loads the configured certificate, or returns null when none is configured.</summary>
    /// <exception cref="FtpConfigurationException">A file is missing, unreadable, or the key does not match.</exception>
    public static FtpTlsContext? Load(FtpServerOptions options)
    {
        FtpTlsOptions tls = options.Tls;
        if (string.IsNullOrWhiteSpace(tls.PfxFile) && string.IsNullOrWhiteSpace(tls.CertificateFile))
        {
            if (!string.IsNullOrWhiteSpace(tls.KeyFile))
            {
                throw new FtpConfigurationException(options.SettingOf("Tls:KeyFile"), "a key file is set but no Tls:CertificateFile");
            }

            return null;
        }

        (byte[] certificateBytes, byte[] keyBytes) = ReadFiles(options, reload: false);
        X509Certificate2 certificate = Parse(options, certificateBytes, keyBytes);
        return new FtpTlsContext(options, new FtpTlsCredentials(certificate, tls.MinimumProtocol), Digest(certificateBytes, keyBytes));
    }

    /// <summary>
    /// Reads the files again; when their content differs from the last read, loads the pair and makes it
    /// <see cref="Current"/> if the certificate and its key load and match. A changed pair that does not load keeps
    /// the current one and is reported once (until the files change again).
    /// </summary>
    /// <param name="problem">Why a changed pair was not taken (names the setting and the file; for the log only).</param>
    internal FtpTlsReloadResult TryReload(out string? problem)
    {
        problem = null;
        byte[] certificateBytes, keyBytes;
        try
        {
            (certificateBytes, keyBytes) = ReadFiles(_options, reload: true);
        }
        catch (FtpConfigurationException ex)
        {
            // A missing or unreadable file: remembered as its own state, so it is reported once.
            return Reject(SHA256.HashData(Encoding.UTF8.GetBytes(ex.Message)), ex.Message, out problem);
        }

        byte[] digest = Digest(certificateBytes, keyBytes);
        if (CryptographicOperations.FixedTimeEquals(digest, _seen))
        {
            return FtpTlsReloadResult.Unchanged;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = Parse(_options, certificateBytes, keyBytes);
        }
        catch (FtpConfigurationException ex)
        {
            return Reject(digest, ex.Message, out problem);
        }

        // The previous certificate is not disposed: sessions that shook hands with it still use it.
        Volatile.Write(ref _current, new FtpTlsCredentials(certificate, _options.Tls.MinimumProtocol));
        _seen = digest;
        return FtpTlsReloadResult.Reloaded;
    }

    private FtpTlsReloadResult Reject(byte[] state, string message, out string? problem)
    {
        bool seenBefore = CryptographicOperations.FixedTimeEquals(state, _seen);
        _seen = state;
        problem = seenBefore ? null : message;
        return seenBefore ? FtpTlsReloadResult.Unchanged : FtpTlsReloadResult.Failed;
    }

    private static byte[] Digest(byte[] certificate, byte[] key)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(certificate);
        hash.AppendData([0]);
        hash.AppendData(key);
        return hash.GetHashAndReset();
    }

    /// <summary>The bytes of the certificate file (or PKCS#12 file) and of the key file (empty for PKCS#12).</summary>
    /// <param name="options">The settings naming the files.</param>
    /// <param name="reload">
    /// True for a look after the start: an empty file is refused without being opened, so a FIFO (whose open
    /// would wait for a writer, holding the reload and the server's stop) is never read again.
    /// </param>
    private static (byte[] Certificate, byte[] Key) ReadFiles(FtpServerOptions options, bool reload)
    {
        FtpTlsOptions tls = options.Tls;
        if (!string.IsNullOrWhiteSpace(tls.PfxFile))
        {
            return (Read(tls.PfxFile, options.SettingOf("Tls:PfxFile"), reload), []);
        }

        string certificateFile = tls.CertificateFile!;
        string keyFile = string.IsNullOrWhiteSpace(tls.KeyFile) ? certificateFile : tls.KeyFile;
        byte[] certificate = Read(certificateFile, options.SettingOf("Tls:CertificateFile"), reload);
        byte[] key = keyFile == certificateFile ? certificate : Read(keyFile, options.SettingOf("Tls:KeyFile"), reload);
        return (certificate, key);
    }

    private static byte[] Read(string path, string setting, bool reload)
    {
        if (!File.Exists(path))
        {
            throw new FtpConfigurationException(setting, $"file '{path}' does not exist");
        }

        if (reload && new FileInfo(path).Length == 0)
        {
            throw new FtpConfigurationException(setting, $"'{path}' is empty (or not a regular file)");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FtpConfigurationException(setting, $"'{path}' cannot be read: {ex.Message}");
        }
    }

    private static X509Certificate2 Parse(FtpServerOptions options, byte[] certificateBytes, byte[] keyBytes)
    {
        FtpTlsOptions tls = options.Tls;
        if (!string.IsNullOrWhiteSpace(tls.PfxFile))
        {
            try
            {
                X509Certificate2 pfx = X509CertificateLoader.LoadPkcs12(certificateBytes, tls.PfxPassword);
                if (!pfx.HasPrivateKey)
                {
                    pfx.Dispose();
                    throw new FtpConfigurationException(options.SettingOf("Tls:PfxFile"), $"'{tls.PfxFile}' holds no private key");
                }

                return pfx;
            }
            catch (CryptographicException ex)
            {
                throw new FtpConfigurationException(options.SettingOf("Tls:PfxFile"), $"'{tls.PfxFile}' cannot be read: {ex.Message}");
            }
        }

        string certificateFile = tls.CertificateFile!;
        string keyFile = string.IsNullOrWhiteSpace(tls.KeyFile) ? certificateFile : tls.KeyFile;
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(certificateBytes), Encoding.UTF8.GetString(keyBytes));
        }
        catch (CryptographicException ex)
        {
            throw new FtpConfigurationException(options.SettingOf("Tls:KeyFile"),
                $"the key in '{keyFile}' cannot be used with the certificate in '{certificateFile}': {ex.Message}");
        }
        catch (ArgumentException ex) when (ex.ParamName == "privateKey")
        {
            throw new FtpConfigurationException(options.SettingOf("Tls:KeyFile"),
                $"the key in '{keyFile}' does not match the certificate in '{certificateFile}': {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw new FtpConfigurationException(options.SettingOf("Tls:CertificateFile"),
                $"'{certificateFile}' or '{keyFile}' holds no usable PEM certificate and key: {ex.Message}");
        }

        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use an ephemeral PEM key; round-trip through PKCS#12.
            X509Certificate2 persisted = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            certificate.Dispose();
            certificate = persisted;
        }

        return certificate;
    }

    /// <summary>Releases the current certificate and its key.</summary>
    public void Dispose() => Current.Certificate.Dispose();
}
