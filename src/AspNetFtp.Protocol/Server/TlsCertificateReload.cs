using System.Security.Cryptography;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Security;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// Looks at the certificate files every <c>Tls:ReloadCheckInterval</c> (their content, so a rename, a symlink swap
/// or a rewrite in place are all seen) and takes a renewed pair for new handshakes. A pair that does not load or
/// whose key does not match the certificate (certbot writes the two files a moment apart) keeps the current one
/// and is logged once, as one line; the next look takes the pair once both files are in place. The host also asks
/// for a look on SIGHUP (<see cref="FtpServer.ReloadTlsCertificate"/>).
/// </summary>
internal sealed class TlsCertificateReload(FtpTlsContext tls, TimeSpan interval, TimeProvider time, FtpEventQueue events, FtpMetrics metrics, ILogger logger)
{
    /// <summary>Looks every interval until <paramref name="stopping"/> is cancelled; never throws.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stopping);
                CheckOnce();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A look at the files must never take the server down; the next look retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                FtpLog.TlsCertificateReloadFailed(logger, ex.GetType().Name + ": " + ex.Message);
            }
        }
    }

    private readonly Lock _look = new();

    /// <summary>One look at the files (the periodic look and a look asked for by a signal never overlap).</summary>
    internal FtpTlsReloadResult CheckOnce()
    {
        lock (_look)
        {
            return CheckOnceLocked();
        }
    }

    private FtpTlsReloadResult CheckOnceLocked()
    {
        FtpTlsReloadResult result = tls.TryReload(out string? problem);
        switch (result)
        {
            case FtpTlsReloadResult.Reloaded:
                var certificate = tls.Current.Certificate;
                string fingerprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
                FtpLog.TlsCertificateReloaded(logger, certificate.Subject, fingerprint, certificate.NotAfter.ToUniversalTime());
                metrics.TlsCertificateReload(reloaded: true);
                events.Publish(new TlsCertificateReloaded(time.GetUtcNow(), certificate.Subject, fingerprint, certificate.NotAfter.ToUniversalTime()));
                break;
            case FtpTlsReloadResult.Failed:
                FtpLog.TlsCertificateReloadFailed(logger, problem!);
                metrics.TlsCertificateReload(reloaded: false);
                break;
        }

        return result;
    }
}
