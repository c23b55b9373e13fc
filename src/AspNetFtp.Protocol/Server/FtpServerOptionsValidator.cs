using System.Security.Authentication;
using AspNetFtp.Protocol.Data;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// Checks every setting at start (ValidateOnStart), part by part, naming in each failure the full key the
/// configuration used: the nested key (<c>FtpServer:Timeouts:Data</c>), or the old flat key (<c>FtpServer:DataTimeout</c>)
/// when that is what set it. The certificate files are not read here: <see cref="Security.FtpTlsContext.Load"/> in
/// <see cref="FtpServer.StartAsync"/> is their one load, and its <see cref="FtpConfigurationException"/> names the
/// setting the same way.
/// </summary>
public sealed class FtpServerOptionsValidator : IValidateOptions<FtpServerOptions>
{
    /// <summary>Checks every part of <paramref name="options"/>; a failure lists each wrong setting by its full key.</summary>
    public ValidateOptionsResult Validate(string? name, FtpServerOptions options)
    {
        var failures = new List<string>(options.ConfigurationProblems);
        void Check(bool ok, string path, string problem)
        {
            // One failure per key: a value already refused as written is not judged again as bound.
            string key = options.KeyOf(path);
            if (!ok && !options.ConfigurationProblems.Exists(p => p.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{key}: {problem}");
            }
        }

        ValidateGeneral(options, Check);
        ValidateLimits(options.Limits, Check);
        ValidateTimeouts(options.Timeouts, Check);
        ValidateTls(options.Tls, Check);
        Defender.FtpDefenderOptionsValidator.Validate(options.Defender, Check);
        Connections.ProxyProtocol.FtpProxyProtocolOptionsValidator.Validate(options.ProxyProtocol, Check);
        if (!string.IsNullOrWhiteSpace(options.DataChannel.PassivePorts) && !PortRanges.TryParse(options.DataChannel.PassivePorts, out _, out string? portError))
        {
            failures.Add($"{options.KeyOf("DataChannel:PassivePorts")}: {portError}");
        }

        foreach (Action load in new Action[]
        {
            () => ControlListeners.ParseHost(options.Host),
            () => PassiveAddressSelector.FromOptions(options),
        })
        {
            try
            {
                load();
            }
            catch (FtpConfigurationException ex)
            {
                failures.Add(ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateGeneral(FtpServerOptions options, Action<bool, string, string> check)
    {
        check(options.Port is >= 0 and <= 65535, nameof(options.Port), $"{options.Port} is not a port (0-65535)");
        check(options.ImplicitTlsPort is null or >= 0 and <= 65535, nameof(options.ImplicitTlsPort), $"{options.ImplicitTlsPort} is not a port (0-65535)");
        check(options.ImplicitTlsPort is null || options.Tls.IsConfigured, nameof(options.ImplicitTlsPort),
            "implicit FTPS needs Tls:CertificateFile (or Tls:PfxFile)");
        check(!string.IsNullOrEmpty(options.Banner) && options.Banner.AsSpan().IndexOfAny('\r', '\n') < 0,
            nameof(options.Banner), "must be one non-empty line");
        check(options.CredentialCacheLifetime > 0, nameof(options.CredentialCacheLifetime), "must be a positive number of seconds");
        check(options.CredentialCacheSize > 0, nameof(options.CredentialCacheSize), "must be at least 1");
        check(Enum.IsDefined(options.UploadMode), nameof(options.UploadMode), "must be Standard, Atomic or AtomicResume");
    }

    private static void ValidateLimits(FtpLimitOptions limits, Action<bool, string, string> check)
    {
        const string Part = nameof(FtpServerOptions.Limits) + ":";
        check(limits.MaxConnections > 0, Part + nameof(limits.MaxConnections), "must be at least 1");
        check(limits.MaxConnectionsPerIp > 0, Part + nameof(limits.MaxConnectionsPerIp), "must be at least 1");
        check(limits.Ipv6PrefixLength is >= 1 and <= 128, Part + nameof(limits.Ipv6PrefixLength),
            $"{limits.Ipv6PrefixLength} is not an IPv6 prefix length (1-128)");
        check(limits.MaxLoginFailures > 0, Part + nameof(limits.MaxLoginFailures), "must be at least 1");
        check(limits.MaxProtocolErrors > 0, Part + nameof(limits.MaxProtocolErrors), "must be at least 1");
        check(limits.EventQueueCapacity is >= 1 and <= 1_000_000, Part + nameof(limits.EventQueueCapacity), "must be between 1 and 1000000 events");
        check(limits.ListenBacklog is >= 1 and <= 65535, Part + nameof(limits.ListenBacklog), "must be between 1 and 65535 connections");
        check(limits.MaxSessionsPerUser >= 0, Part + nameof(limits.MaxSessionsPerUser), $"{limits.MaxSessionsPerUser} must be 0 (no limit) or more");
        check(limits.MaxUploadBytesPerSecond >= 0, Part + nameof(limits.MaxUploadBytesPerSecond), $"{limits.MaxUploadBytesPerSecond} must be 0 (no cap) or more bytes per second");
        check(limits.MaxDownloadBytesPerSecond >= 0, Part + nameof(limits.MaxDownloadBytesPerSecond), $"{limits.MaxDownloadBytesPerSecond} must be 0 (no cap) or more bytes per second");
    }

    private static void ValidateTls(FtpTlsOptions tls, Action<bool, string, string> check)
    {
        const string Part = nameof(FtpServerOptions.Tls) + ":";
        check(tls.MinimumProtocol is SslProtocols.Tls12 or SslProtocols.Tls13, Part + nameof(tls.MinimumProtocol),
            $"'{tls.MinimumProtocol}' is not Tls12 or Tls13");
        check(tls.ReloadCheckInterval == TimeSpan.Zero || (tls.ReloadCheckInterval >= TimeSpan.FromMilliseconds(100) && tls.ReloadCheckInterval <= TimeSpan.FromDays(1)),
            Part + nameof(tls.ReloadCheckInterval), $"{tls.ReloadCheckInterval} must be 00:00:00 (never) or between 00:00:00.100 and 1.00:00:00");
    }

    private static void ValidateTimeouts(FtpTimeoutOptions timeouts, Action<bool, string, string> check)
    {
        const string Part = nameof(FtpServerOptions.Timeouts) + ":";
        // Timers take at most about 49 days (uint milliseconds).
        TimeSpan most = TimeSpan.FromDays(24);
        void Positive(TimeSpan value, string setting) =>
            check(value > TimeSpan.Zero && value <= most, Part + setting, $"{value} must be more than zero and at most 24 days");
        void NotNegative(TimeSpan value, string setting, TimeSpan most) =>
            check(value >= TimeSpan.Zero && value <= most, Part + setting, $"{value} must be between 0 and {most}");

        Positive(timeouts.Idle, nameof(timeouts.Idle));
        Positive(timeouts.Login, nameof(timeouts.Login));
        Positive(timeouts.Data, nameof(timeouts.Data));
        Positive(timeouts.DataClose, nameof(timeouts.DataClose));
        Positive(timeouts.Preamble, nameof(timeouts.Preamble));
        Positive(timeouts.RefusalWrite, nameof(timeouts.RefusalWrite));
        NotNegative(timeouts.LoginFailureDelay, nameof(timeouts.LoginFailureDelay), TimeSpan.FromMinutes(1));
        NotNegative(timeouts.ShutdownGrace, nameof(timeouts.ShutdownGrace), most);
        NotNegative(timeouts.ShutdownAbort, nameof(timeouts.ShutdownAbort), TimeSpan.FromHours(1));
        NotNegative(timeouts.EventDrain, nameof(timeouts.EventDrain), TimeSpan.FromHours(1));
        check(timeouts.AccountRecheck >= TimeSpan.FromMilliseconds(10) && timeouts.AccountRecheck <= TimeSpan.FromHours(1),
            Part + nameof(timeouts.AccountRecheck), $"{timeouts.AccountRecheck} must be between 00:00:00.010 and 01:00:00");
    }
}
