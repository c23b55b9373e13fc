using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The one reader of the old flat keys of the <c>FtpServer</c> section (<c>Timeout</c>, <c>DataTimeout</c>,
/// <c>MaxConnections</c>, <c>CertificateFile</c>, <c>PassivePorts</c>, …), kept so every existing configuration,
/// environment variable and command line still works. Each old key sets its nested setting, durations converted
/// from seconds (never read as days). When both the old and the nested key are given, the nested key wins.
/// Also refuses a nested time span written as a bare number (<c>Timeouts:Idle = 300</c> would mean 300 days).
/// Runs after the section is bound (registered after <c>Bind</c>).
/// </summary>
internal sealed class LegacyFtpServerKeys(IConfiguration section) : IConfigureOptions<FtpServerOptions>
{
    private sealed record Alias(string OldKey, string NewPath, Func<IConfigurationSection, FtpServerOptions, bool> Apply);

    /// <summary>Old key → nested key, as the README's settings table lists them.</summary>
    private static readonly Alias[] Aliases =
    [
        Seconds("Timeout", "Timeouts:Idle", (o, v) => o.Timeouts.Idle = v),
        Seconds("LoginTimeout", "Timeouts:Login", (o, v) => o.Timeouts.Login = v),
        Seconds("DataTimeout", "Timeouts:Data", (o, v) => o.Timeouts.Data = v),
        Seconds("PreambleTimeout", "Timeouts:Preamble", (o, v) => o.Timeouts.Preamble = v),
        Seconds("LoginFailureDelay", "Timeouts:LoginFailureDelay", (o, v) => o.Timeouts.LoginFailureDelay = v),
        Seconds("ShutdownGracePeriod", "Timeouts:ShutdownGrace", (o, v) => o.Timeouts.ShutdownGrace = v),
        Seconds("EventDrainTimeout", "Timeouts:EventDrain", (o, v) => o.Timeouts.EventDrain = v),
        Number("MaxConnections", "Limits:MaxConnections", (o, v) => o.Limits.MaxConnections = v),
        Number("MaxConnectionsPerIp", "Limits:MaxConnectionsPerIp", (o, v) => o.Limits.MaxConnectionsPerIp = v),
        Number("ConnectionLimitIpv6PrefixLength", "Limits:Ipv6PrefixLength", (o, v) => o.Limits.Ipv6PrefixLength = v),
        Number("MaxLoginFailures", "Limits:MaxLoginFailures", (o, v) => o.Limits.MaxLoginFailures = v),
        Number("MaxProtocolErrors", "Limits:MaxProtocolErrors", (o, v) => o.Limits.MaxProtocolErrors = v),
        Number("EventQueueCapacity", "Limits:EventQueueCapacity", (o, v) => o.Limits.EventQueueCapacity = v),
        Text("CertificateFile", "Tls:CertificateFile", (o, v) => o.Tls.CertificateFile = v),
        Text("KeyFile", "Tls:KeyFile", (o, v) => o.Tls.KeyFile = v),
        Text("PfxFile", "Tls:PfxFile", (o, v) => o.Tls.PfxFile = v),
        Text("PfxPassword", "Tls:PfxPassword", (o, v) => o.Tls.PfxPassword = v),
        Flag("TlsControlRequired", "Tls:ControlRequired", (o, v) => o.Tls.ControlRequired = v),
        Flag("TlsDataRequired", "Tls:DataRequired", (o, v) => o.Tls.DataRequired = v),
        Text("PassivePorts", "DataChannel:PassivePorts", (o, v) => o.DataChannel.PassivePorts = v),
        Text("MasqueradeAddress", "DataChannel:MasqueradeAddress", (o, v) => o.DataChannel.MasqueradeAddress = v),
        new("PassiveAddressRules", "DataChannel:PassiveAddressRules", static (value, o) =>
        {
            o.DataChannel.PassiveAddressRules = value.Get<List<PassiveAddressRule>>() ?? [];
            return true;
        }),
        Flag("AllowForeignDataAddress", "DataChannel:AllowForeignAddress", (o, v) => o.DataChannel.AllowForeignAddress = v),
        Flag("AllowPrivilegedDataPorts", "DataChannel:AllowPrivilegedPorts", (o, v) => o.DataChannel.AllowPrivilegedPorts = v),
    ];

    /// <summary>The nested time spans, checked for bare numbers.</summary>
    private static readonly string[] TimeSpanPaths =
    [
        .. new[]
        {
            nameof(FtpTimeoutOptions.Idle), nameof(FtpTimeoutOptions.Login), nameof(FtpTimeoutOptions.Data),
            nameof(FtpTimeoutOptions.DataClose), nameof(FtpTimeoutOptions.Preamble), nameof(FtpTimeoutOptions.LoginFailureDelay),
            nameof(FtpTimeoutOptions.RefusalWrite), nameof(FtpTimeoutOptions.ShutdownGrace), nameof(FtpTimeoutOptions.ShutdownAbort),
            nameof(FtpTimeoutOptions.EventDrain), nameof(FtpTimeoutOptions.AccountRecheck),
        }.Select(name => $"{nameof(FtpServerOptions.Timeouts)}:{name}"),
    ];

    public void Configure(FtpServerOptions options)
    {
        foreach (string path in TimeSpanPaths)
        {
            string? value = section[path];
            if (value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                options.ConfigurationProblems.Add(
                    $"{FtpServerOptions.SectionName}:{path}: '{value}' is a bare number, which a time span reads as days; write hh:mm:ss such as 00:05:00");
            }
        }

        foreach (Alias alias in Aliases)
        {
            IConfigurationSection old = section.GetSection(alias.OldKey);
            if (!old.Exists() || section.GetSection(alias.NewPath).Exists())
            {
                continue;
            }

            options.KeySources[alias.NewPath] = alias.OldKey;
            if (!alias.Apply(old, options))
            {
                options.ConfigurationProblems.Add($"{FtpServerOptions.SectionName}:{alias.OldKey}: '{old.Value}' is not {Expected(alias)}");
            }
        }
    }

    private static string Expected(Alias alias) => alias.NewPath.StartsWith("Timeouts:", StringComparison.Ordinal)
        ? "a number of seconds"
        : alias.NewPath.StartsWith("Limits:", StringComparison.Ordinal) ? "a whole number" : "true or false";

    private static Alias Seconds(string oldKey, string newPath, Action<FtpServerOptions, TimeSpan> set) =>
        new(oldKey, newPath, (value, o) =>
        {
            if (!double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                || !double.IsFinite(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                return false;
            }

            set(o, TimeSpan.FromSeconds(seconds));
            return true;
        });

    private static Alias Number(string oldKey, string newPath, Action<FtpServerOptions, int> set) =>
        new(oldKey, newPath, (value, o) =>
        {
            if (!int.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number))
            {
                return false;
            }

            set(o, number);
            return true;
        });

    private static Alias Flag(string oldKey, string newPath, Action<FtpServerOptions, bool> set) =>
        new(oldKey, newPath, (value, o) =>
        {
            if (!bool.TryParse(value.Value, out bool flag))
            {
                return false;
            }

            set(o, flag);
            return true;
        });

    private static Alias Text(string oldKey, string newPath, Action<FtpServerOptions, string?> set) =>
        new(oldKey, newPath, (value, o) =>
        {
            set(o, value.Value);
            return true;
        });
}
