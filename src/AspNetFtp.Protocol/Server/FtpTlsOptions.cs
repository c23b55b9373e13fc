using System.Security.Authentication;

namespace AspNetFtp.Protocol.Server;

/// <summary><c>FtpServer:Tls</c>: the FTPS certificate and whether TLS is required on control and data connections.</summary>
public sealed class FtpTlsOptions
{
    /// <summary>PEM certificate for FTPS (FTPSERVER_CERTFILE). May hold the key too.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key (FTPSERVER_KEYFILE); defaults to the certificate file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>PKCS#12 file holding certificate and key, instead of PEM files.</summary>
    public string? PfxFile { get; set; }

    /// <summary>The password of <see cref="PfxFile"/>; none when null.</summary>
    public string? PfxPassword { get; set; }

    /// <summary>Refuse USER/PASS before AUTH TLS. Defaults to true when a certificate is configured.</summary>
    public bool? ControlRequired { get; set; }

    /// <summary>Refuse transfers without PROT P. Defaults to true when a certificate is configured.</summary>
    public bool? DataRequired { get; set; }

    /// <summary>
    /// The oldest TLS version a client may use on control and data connections: <see cref="SslProtocols.Tls12"/>
    /// (default) or <see cref="SslProtocols.Tls13"/>; anything else is refused at start.
    /// </summary>
    public SslProtocols MinimumProtocol { get; set; } = SslProtocols.Tls12;

    /// <summary>
    /// How often the certificate and key files are read again to pick up a renewal (certbot, acme.sh replace them
    /// by rename); a pair that loads and matches is used for new handshakes, anything else keeps the current one.
    /// Default one minute; <see cref="TimeSpan.Zero"/> never reloads.
    /// </summary>
    public TimeSpan ReloadCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when a certificate is configured (PEM or PFX).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(PfxFile);

    /// <summary>Logins need AUTH TLS first: a certificate is configured and <see cref="ControlRequired"/> is not false.</summary>
    public bool EffectiveControlRequired => IsConfigured && (ControlRequired ?? true);

    /// <summary>Transfers need PROT P: a certificate is configured and <see cref="DataRequired"/> is not false.</summary>
    public bool EffectiveDataRequired => IsConfigured && (DataRequired ?? true);
}
