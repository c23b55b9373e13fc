using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The FTP part of an application's health: the listeners are bound and accepting (from <see cref="FtpServer"/>),
/// and every <see cref="IFtpReadinessCheck"/> (the account tables) passes now. Registered with
/// <c>AddHealthChecks().AddFtpHealthChecks()</c>. The description names what is wrong; the data lists the listeners.
/// </summary>
internal sealed class FtpServerHealthCheck(FtpServer server, IEnumerable<IFtpReadinessCheck> checks) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        if (server.IsAccepting)
        {
            data["listeners"] = string.Join(", ", server.Listeners.Select(l => $"{l.EndPoint} ({l.Kind})"));
        }
        else
        {
            problems.Add(server.StartProblem ?? "the FTP server is not accepting connections (not started, or stopping)");
        }

        foreach (IFtpReadinessCheck check in checks)
        {
            FtpReadiness readiness = await check.CheckAsync(cancellationToken);
            if (readiness.Status != FtpReadinessStatus.Ready)
            {
                problems.Add(readiness.Problem ?? check.GetType().Name + " failed");
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("FTP listeners accepting", data)
            : new HealthCheckResult(context.Registration.FailureStatus, string.Join("; ", problems), data: data);
    }
}
