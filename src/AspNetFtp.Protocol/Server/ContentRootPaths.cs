using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// Makes the relative file settings (<c>Tls:CertificateFile</c>, <c>Tls:KeyFile</c>, <c>Tls:PfxFile</c>) relative to
/// the host's content root (<c>IHostEnvironment.ContentRootPath</c>) instead of whatever the current directory is
/// when the file is read. Without a host environment they stay as written (the current directory).
/// </summary>
internal sealed class ContentRootPaths(string? contentRoot) : IPostConfigureOptions<FtpServerOptions>
{
    public void PostConfigure(string? name, FtpServerOptions options)
    {
        options.Tls.CertificateFile = Resolve(options.Tls.CertificateFile, contentRoot);
        options.Tls.KeyFile = Resolve(options.Tls.KeyFile, contentRoot);
        options.Tls.PfxFile = Resolve(options.Tls.PfxFile, contentRoot);
    }

    /// <summary><paramref name="path"/> made absolute against <paramref name="contentRoot"/> when it is relative; blank or null as is.</summary>
    public static string? Resolve(string? path, string? contentRoot) =>
        string.IsNullOrWhiteSpace(path) || string.IsNullOrEmpty(contentRoot) || Path.IsPathRooted(path)
            ? path
            : Path.GetFullPath(path, Path.GetFullPath(contentRoot));
}
