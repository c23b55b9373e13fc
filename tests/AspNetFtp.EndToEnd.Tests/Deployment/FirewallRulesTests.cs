using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>Issue 12: deploy/nftables/aspnetftp.nft is a ruleset nftables accepts, opening the passive range the unit serves.</summary>
public sealed partial class FirewallRulesTests(ITestOutputHelper output)
{
    private const string Rules = "deploy/nftables/aspnetftp.nft";

    [Fact]
    public async Task Nft_check_accepts_the_rules()
    {
        // -c: parse and check against the kernel without applying (scripts/test.sh installs Debian's nftables).
        ProcessResult check = await ClientRunner.RunAsync("nft", ["-c", "-f", DeploymentFiles.PathOf(Rules)], TimeSpan.FromSeconds(30));
        output.WriteLine(check.Describe());

        Assert.True(check.Succeeded, check.Describe());
    }

    [Fact]
    public void The_rules_open_the_passive_range_the_systemd_unit_serves()
    {
        string unitRange = PassivePortsFlag().Match(DeploymentFiles.Read(DeploymentFiles.SystemdUnit)).Groups[1].Value;

        Assert.Contains($"tcp dport {unitRange} accept", DeploymentFiles.Read(Rules), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"--passive-ports (\d+-\d+)")]
    private static partial Regex PassivePortsFlag();
}
