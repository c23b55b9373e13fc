using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>
/// Issue 12: the Dockerfile (no container engine here: it is linted and read, not built). dockerfile-utils (pinned in
/// scripts/lint/) finds no problem; the runtime stage runs as non-root, exposes what the command listens on, and its
/// health check names a verb the host has.
/// </summary>
public sealed partial class DockerfileTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dockerfile_utils_lint_finds_no_problem()
    {
        ProcessResult lint = await ClientRunner.RunAsync(Path.Combine(RepoLayout.Root, "scripts", "lint.sh"), [DeploymentFiles.PathOf(DeploymentFiles.Dockerfile)], TimeSpan.FromSeconds(300));
        output.WriteLine(lint.Describe());

        Assert.True(lint.Succeeded, lint.Describe());
    }

    [Fact]
    public void The_runtime_stage_runs_as_the_images_non_root_user()
    {
        Assert.Equal("$APP_UID", Instructions("USER").Last());
    }

    [Fact]
    public void The_control_port_of_the_command_is_exposed_and_checked_by_the_health_check()
    {
        string command = Instructions("CMD").Single();
        string port = ControlPort().Match(command).Groups[1].Value;

        Assert.Contains(port, Exposed());
        Assert.Contains($"\"--ftp\", \"127.0.0.1:{port}\"", Instructions("HEALTHCHECK").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_passive_range_of_the_environment_is_exposed()
    {
        string passive = PassiveRange().Match(Instructions("ENV").Single()).Groups[1].Value;

        Assert.Contains(passive, Exposed());
    }

    [Fact]
    public async Task The_health_check_runs_a_verb_the_host_has()
    {
        string verb = HealthCheckVerb().Match(Instructions("HEALTHCHECK").Single()).Groups[1].Value;

        Assert.Contains(verb, await DeploymentFiles.HostVerbsAsync());
    }

    [Fact]
    public async Task Under_the_images_environment_repeated_health_checks_never_get_the_loopback_address_banned()
    {
        // The defender scores a connection that ends without a login; the HEALTHCHECK makes one every interval.
        await using var server = await FtpTestServer.StartAsync(output, settings =>
        {
            foreach ((string key, string value) in ImageEnvironment().Where(e => e.Key.StartsWith("FtpServer__Defender__", StringComparison.Ordinal)))
            {
                settings.Environment[key] = value;
            }

            settings.Environment["FtpServer__Defender__Enabled"] = "true";
        });
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(220, await FtpGreeting.TryReadAsync("127.0.0.1", server.Port, TimeSpan.FromSeconds(10)));
        }

        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        ProcessResult check = await ClientRunner.RunAsync(fileName, [.. prefix, "healthcheck", "--ftp", $"127.0.0.1:{server.Port}"], TimeSpan.FromSeconds(60), workingDirectory: workingDirectory);
        output.WriteLine(check.Describe());

        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public void The_server_is_the_entrypoint_in_exec_form()
    {
        Assert.Equal("[\"dotnet\", \"AspNetFtp.Host.dll\"]", Instructions("ENTRYPOINT").Single());
    }

    /// <summary>The runtime stage's ENV pairs (values hold no spaces).</summary>
    private static Dictionary<string, string> ImageEnvironment() =>
        Instructions("ENV").Single().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static string[] Exposed() => Instructions("EXPOSE").Single().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The arguments of every instruction of that name, continuation lines joined.</summary>
    private static List<string> Instructions(string name)
    {
        string text = DeploymentFiles.Read(DeploymentFiles.Dockerfile).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. text.Split('\n')
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l[(name.Length + 1)..].Trim(), " {2,}", " "))];
    }

    [GeneratedRegex(@"""ftpserver"", ""[0-9.]+:(\d+)""")]
    private static partial Regex ControlPort();

    [GeneratedRegex(@"FtpServer__DataChannel__PassivePorts=(\d+-\d+)")]
    private static partial Regex PassiveRange();

    [GeneratedRegex(@"""AspNetFtp\.Host\.dll"", ""([a-z]+)""")]
    private static partial Regex HealthCheckVerb();
}
