using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>Issue 12: deploy/systemd/aspnetftp.service is a unit systemd accepts, with the hardening docs/deployment.md promises.</summary>
public sealed class SystemdUnitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_unit()
    {
        // verify checks the unit's syntax and that ExecStart's program (/usr/bin/dotnet) exists; the published
        // /opt/aspnetftp/AspNetFtp.Host.dll is an argument, which it does not check.
        ProcessResult verify = await ClientRunner.RunAsync("systemd-analyze", ["verify", DeploymentFiles.PathOf(DeploymentFiles.SystemdUnit)], TimeSpan.FromSeconds(60));
        output.WriteLine(verify.Describe());

        Assert.True(verify.Succeeded && verify.StdErr.Trim().Length == 0, verify.Describe());
    }

    [Theory]
    [InlineData("Type", "notify")]
    [InlineData("Restart", "always")]
    [InlineData("User", "aspnetftp")]
    [InlineData("Group", "aspnetftp")]
    [InlineData("AmbientCapabilities", "CAP_NET_BIND_SERVICE")]
    [InlineData("CapabilityBoundingSet", "CAP_NET_BIND_SERVICE")]
    [InlineData("NoNewPrivileges", "true")]
    [InlineData("ProtectSystem", "strict")]
    [InlineData("ProtectHome", "true")]
    [InlineData("PrivateTmp", "true")]
    [InlineData("StateDirectory", "aspnetftp")]
    [InlineData("StateDirectoryMode", "0700")]
    [InlineData("WorkingDirectory", "/var/lib/aspnetftp")]
    [InlineData("KillSignal", "SIGTERM")]
    public void The_unit_sets_the_promised_service_line(string key, string value)
    {
        var service = DeploymentFiles.ReadIni(DeploymentFiles.SystemdUnit).Where(e => e.Section == "Service").ToList();

        Assert.Equal([value], service.Where(e => e.Key == key).Select(e => e.Value));
    }

    [Fact]
    public void The_stop_timeout_outlasts_the_shutdown_grace_by_more_than_ten_seconds()
    {
        var service = DeploymentFiles.ReadIni(DeploymentFiles.SystemdUnit).Where(e => e.Section == "Service").ToList();
        TimeSpan grace = TimeSpan.Parse(service.Single(e => e.Key == "Environment" && e.Value.StartsWith("FtpServer__Timeouts__ShutdownGrace=", StringComparison.Ordinal)).Value.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        TimeSpan stop = TimeSpan.FromSeconds(int.Parse(service.Single(e => e.Key == "TimeoutStopSec").Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(stop > grace + TimeSpan.FromSeconds(10), $"TimeoutStopSec {stop} is not more than ShutdownGrace {grace} + 10 s");
    }
}
