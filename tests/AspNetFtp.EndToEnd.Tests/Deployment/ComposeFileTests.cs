using System.Text.Json;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>
/// Issue 12: docker-compose.yml parses (Debian's docker-compose 1.29.2 parses without a container engine) and says
/// what docs/deployment.md promises. Read as docker-compose resolves it (<c>config</c>), then as JSON through python3's yaml.
/// </summary>
public sealed class ComposeFileTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["POSTGRES_PASSWORD"] = "compose-test-password",
        ["FTP_PUBLIC_ADDRESS"] = "203.0.113.10",
    };

    [Fact]
    public async Task Docker_compose_config_accepts_the_file()
    {
        ProcessResult config = await ComposeAsync("config", "-q");

        Assert.True(config.Succeeded, config.Describe());
    }

    [Fact]
    public async Task Every_service_restarts_always()
    {
        JsonElement services = (await ResolvedAsync()).GetProperty("services");

        Assert.All(services.EnumerateObject(), s => Assert.Equal("always", s.Value.GetProperty("restart").GetString()));
    }

    [Fact]
    public async Task The_published_passive_ports_are_the_servers_passive_range_one_to_one()
    {
        JsonElement server = (await ResolvedAsync()).GetProperty("services").GetProperty("ftpserver");
        string[] range = server.GetProperty("environment").GetProperty("FtpServer__DataChannel__PassivePorts").GetString()!.Split('-');
        IEnumerable<int> expected = Enumerable.Range(int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture) - int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) + 1);

        var published = server.GetProperty("ports").EnumerateArray()
            .Select(p => (Published: p.GetProperty("published").GetInt32(), Target: p.GetProperty("target").GetInt32()))
            .Where(p => p.Target != 2121)
            .ToList();

        Assert.Equal(expected, published.Select(p => p.Target));
        Assert.All(published, p => Assert.Equal(p.Target, p.Published));
    }

    [Fact]
    public async Task The_server_waits_for_a_healthy_PostgreSQL_checked_by_pg_isready()
    {
        JsonElement services = (await ResolvedAsync()).GetProperty("services");

        Assert.Equal("service_healthy", services.GetProperty("ftpserver").GetProperty("depends_on").GetProperty("postgres").GetProperty("condition").GetString());
        Assert.Equal("pg_isready", services.GetProperty("postgres").GetProperty("healthcheck").GetProperty("test")[1].GetString());
    }

    [Fact]
    public async Task The_stop_grace_period_outlasts_the_shutdown_grace_by_more_than_ten_seconds()
    {
        JsonElement server = (await ResolvedAsync()).GetProperty("services").GetProperty("ftpserver");
        TimeSpan grace = TimeSpan.Parse(server.GetProperty("environment").GetProperty("FtpServer__Timeouts__ShutdownGrace").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        string stop = server.GetProperty("stop_grace_period").GetString()!;

        Assert.EndsWith("s", stop, StringComparison.Ordinal);
        Assert.True(TimeSpan.FromSeconds(int.Parse(stop[..^1], System.Globalization.CultureInfo.InvariantCulture)) > grace + TimeSpan.FromSeconds(10), $"stop_grace_period {stop} is not more than {grace} + 10 s");
    }

    private async Task<JsonElement> ResolvedAsync()
    {
        ProcessResult config = await ComposeAsync("config");
        Assert.True(config.Succeeded, config.Describe());
        ProcessResult json = await ClientRunner.RunAsync("python3", ["-c", "import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin)))"], TimeSpan.FromSeconds(30), standardInput: config.StdOut);
        Assert.True(json.Succeeded, json.Describe());
        return JsonDocument.Parse(json.StdOut).RootElement.Clone();
    }

    private async Task<ProcessResult> ComposeAsync(params string[] arguments)
    {
        ProcessResult result = await ClientRunner.RunAsync("docker-compose", ["-f", DeploymentFiles.PathOf(DeploymentFiles.Compose), .. arguments], TimeSpan.FromSeconds(60),
            environment: Variables, workingDirectory: RepoLayout.Root);
        output.WriteLine(result.Describe());
        return result;
    }
}
