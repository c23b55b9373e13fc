using AspNetFtp.Protocol.Data;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// Checks every setting at start (ValidateOnStart), naming the setting in each failure. The certificate files
/// are not read here: <see cref="Security.FtpTlsContext.Load"/> in <see cref="FtpServer.StartAsync"/> is their
/// one load, and its <see cref="FtpConfigurationException"/> names the setting the same way.
/// </summary>
public sealed class FtpServerOptionsValidator : IValidateOptions<FtpServerOptions>
{
    public ValidateOptionsResult Validate(string? name, FtpServerOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string setting, string problem)
        {
            if (!ok)
            {
                failures.Add($"FtpServer:{setting}: {problem}");
            }
        }

        try
        {
            FtpServer.ParseHost(options.Host);
        }
        catch (FtpConfigurationException ex)
        {
            failures.Add(ex.Message);
        }

        Check(options.Port is >= 0 and <= 65535, nameof(options.Port), $"{options.Port} is not a port (0-65535)");
        Check(options.ImplicitTlsPort is null or >= 0 and <= 65535, nameof(options.ImplicitTlsPort), $"{options.ImplicitTlsPort} is not a port (0-65535)");
        if (!string.IsNullOrWhiteSpace(options.PassivePorts) && !PortRanges.TryParse(options.PassivePorts, out _, out string? portError))
        {
            failures.Add($"FtpServer:{nameof(options.PassivePorts)}: {portError}");
        }

        Check(options.Timeout > 0, nameof(options.Timeout), "must be a positive number of seconds");
        Check(options.LoginTimeout > 0, nameof(options.LoginTimeout), "must be a positive number of seconds");
        Check(options.DataTimeout > 0, nameof(options.DataTimeout), "must be a positive number of seconds");
        Check(options.PreambleTimeout > 0, nameof(options.PreambleTimeout), "must be a positive number of seconds");
        Check(options.MaxConnections > 0, nameof(options.MaxConnections), "must be at least 1");
        Check(options.MaxConnectionsPerIp > 0, nameof(options.MaxConnectionsPerIp), "must be at least 1");
        Check(options.ConnectionLimitIpv6PrefixLength is >= 1 and <= 128, nameof(options.ConnectionLimitIpv6PrefixLength),
            $"{options.ConnectionLimitIpv6PrefixLength} is not an IPv6 prefix length (1-128)");
        Check(options.MaxLoginFailures > 0, nameof(options.MaxLoginFailures), "must be at least 1");
        Check(options.LoginFailureDelay is >= 0 and <= 60, nameof(options.LoginFailureDelay), "must be between 0 and 60 seconds");
        Check(options.MaxProtocolErrors > 0, nameof(options.MaxProtocolErrors), "must be at least 1");
        Check(options.ShutdownGracePeriod >= 0, nameof(options.ShutdownGracePeriod), "must not be negative");
        Check(options.CredentialCacheLifetime > 0, nameof(options.CredentialCacheLifetime), "must be a positive number of seconds");
        Check(options.CredentialCacheSize > 0, nameof(options.CredentialCacheSize), "must be at least 1");
        Check(options.EventQueueCapacity is >= 1 and <= 1_000_000, nameof(options.EventQueueCapacity), "must be between 1 and 1000000 events");
        Check(options.EventDrainTimeout is >= 0 and <= 3600, nameof(options.EventDrainTimeout), "must be between 0 and 3600 seconds");
        Check(!string.IsNullOrEmpty(options.Banner) && options.Banner.AsSpan().IndexOfAny('\r', '\n') < 0,
            nameof(options.Banner), "must be one non-empty line");
        Check(options.ImplicitTlsPort is null || options.TlsConfigured, nameof(options.ImplicitTlsPort),
            "implicit FTPS needs a CertificateFile (or PfxFile)");

        try
        {
            Data.PassiveAddressSelector.FromOptions(options);
        }
        catch (FtpConfigurationException ex)
        {
            failures.Add(ex.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
