using System.Runtime.InteropServices;
using AspNetFtp.Host.Accounts;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// SIGHUP re-reads the configuration sources and looks at the TLS certificate files now, as vsftpd, ProFTPD and
/// nginx re-read theirs, instead of the default action (the process ends). What a re-read changes is what the code
/// reads through <c>IOptionsMonitor</c> (the configured users, the account settings, the log levels, the monitoring
/// endpoint's settings); what the server took at its start (listen endpoints, passive ports, limits, banner,
/// database) stays until a restart (docs/deployment.md, "Signals"). Open sessions are not touched.
/// </summary>
internal sealed class HangupReload(IConfiguration configuration, FtpServer server, IOptionsMonitor<ConfiguredAccountsOptions> accounts, ILogger<HangupReload> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // On Windows SIGHUP stands for the console window closing: that one keeps its default meaning.
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _registration, null)?.Dispose();
    }

    private void OnHangup(PosixSignalContext context)
    {
        context.Cancel = true;
        Reload();
    }

    /// <summary>One reload, as on SIGHUP; never throws (a reload must not end the server it reloads).</summary>
    internal void Reload()
    {
        string configurationOutcome = "configuration sources re-read";
        try
        {
            (configuration as IConfigurationRoot)?.Reload();
        }
#pragma warning disable CA1031 // A source that cannot be read now (a half-written appsettings.json) leaves the server as it is.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            configurationOutcome = "configuration sources not re-read (" + ex.GetType().Name + ": " + ex.Message + ")";
        }

        string tlsOutcome = server.ReloadTlsCertificate() switch
        {
            null => "no TLS certificate configured",
            FtpTlsReloadResult.Reloaded => "TLS certificate reloaded",
            FtpTlsReloadResult.Failed => "TLS certificate files unusable, the current certificate stays",
            _ => "TLS certificate files unchanged",
        };
        HostLog.ReloadedOnHangup(logger, configurationOutcome, tlsOutcome);
        try
        {
            // Validated now, as at a start, so the operator reads why in the reload's own lines, not at the next login.
            _ = accounts.CurrentValue;
        }
        catch (OptionsValidationException ex)
        {
            HostLog.ReloadedSettingsInvalid(logger, string.Join("; ", ex.Failures));
        }
    }
}
