using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Security;

/// <summary>The one load of the certificate at start: a bad file stops the start with a message naming the setting.</summary>
public sealed class FtpTlsContextTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Refusal(FtpServerOptions options) =>
        Assert.Throws<FtpConfigurationException>(() => FtpTlsContext.Load(options)).Message;

    [Fact]
    public void No_certificate_configured_loads_nothing() =>
        Assert.Null(FtpTlsContext.Load(new FtpServerOptions()));

    [Fact]
    public void A_missing_certificate_file_is_refused_naming_the_setting()
    {
        string failure = Refusal(new FtpServerOptions { Tls = { CertificateFile = _dir["missing.pem"] } });

        Assert.Equal($"FtpServer:Tls:CertificateFile: file '{_dir["missing.pem"]}' does not exist", failure);
    }

    [Fact]
    public void A_missing_key_file_is_refused_naming_the_setting()
    {
        (string cert, _) = TestCertificates.Create("a");
        string failure = Refusal(new FtpServerOptions { Tls = { CertificateFile = _dir.WriteFile("a.crt", cert), KeyFile = _dir["missing.key"] } });

        Assert.Equal($"FtpServer:Tls:KeyFile: file '{_dir["missing.key"]}' does not exist", failure);
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_refused_naming_the_setting()
    {
        (string certA, _) = TestCertificates.Create("a");
        (_, string keyB) = TestCertificates.Create("b");

        string failure = Refusal(new FtpServerOptions { Tls = { CertificateFile = _dir.WriteFile("a.crt", certA), KeyFile = _dir.WriteFile("b.key", keyB) } });

        // .NET reports a mismatch as an ArgumentException, which the engine files under CertificateFile.
        Assert.Matches("^FtpServer:Tls:(CertificateFile|KeyFile):", failure);
        Assert.Contains("b.key", failure, StringComparison.Ordinal);
        Assert.Contains("does not match", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matching_certificate_and_key_are_loaded()
    {
        (string cert, string key) = TestCertificates.Create("a");

        using FtpTlsContext? tls = FtpTlsContext.Load(new FtpServerOptions { Tls = { CertificateFile = _dir.WriteFile("a.crt", cert), KeyFile = _dir.WriteFile("a.key", key) } });

        Assert.True(tls!.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_certificate_file_holding_its_key_needs_no_key_file()
    {
        (string cert, string key) = TestCertificates.Create("a");

        using FtpTlsContext? tls = FtpTlsContext.Load(new FtpServerOptions { Tls = { CertificateFile = _dir.WriteFile("both.pem", cert + "\n" + key) } });

        Assert.True(tls!.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_key_file_without_a_certificate_is_refused_naming_the_setting()
    {
        (_, string key) = TestCertificates.Create("a");

        Assert.Equal("FtpServer:Tls:KeyFile: a key file is set but no Tls:CertificateFile", Refusal(new FtpServerOptions { Tls = { KeyFile = _dir.WriteFile("a.key", key) } }));
    }
}
