using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AspNetFtp.Protocol.DependencyInjection;

/// <summary><c>services.AddHealthChecks().AddFtpHealthChecks()</c>: the FTP server in the application's health report.</summary>
public static class FtpHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds one check named <paramref name="name"/>: healthy while the FTP listeners are bound and accepting and every
    /// readiness check (the account tables, with <c>AddIdentityAccounts</c>) passes; otherwise
    /// <paramref name="failureStatus"/> (default unhealthy) with the problems as its description.
    /// </summary>
    public static IHealthChecksBuilder AddFtpHealthChecks(this IHealthChecksBuilder builder, string name = "ftp",
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<FtpServerHealthCheck>(name, failureStatus, tags ?? []);
    }
}
