using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>The host's command line: bad settings exit with code 2 and name the setting.</summary>
public sealed class CliTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ftpserver_with_an_unparsable_passive_port_range_exits_2_naming_the_setting()
    {
        var result = await RunHostAsync("ftpserver", "127.0.0.1:0", "--passive-ports", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.True(
            result.StdErr.Contains("passive-ports", StringComparison.OrdinalIgnoreCase)
            || result.StdErr.Contains("PassivePorts", StringComparison.OrdinalIgnoreCase),
            result.Describe());
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftpserver_with_a_missing_certificate_file_exits_2_naming_the_file()
    {
        var missing = Path.Combine(TestRun.ScratchRoot, "no-such-dir", "missing-cert.pem");

        var result = await RunHostAsync("ftpserver", "127.0.0.1:0", "--certfile", missing, "--keyfile", missing + ".key");

        Assert.Equal(2, result.ExitCode);
        Assert.True(
            result.StdErr.Contains("missing-cert.pem", StringComparison.Ordinal)
            || result.StdErr.Contains("certfile", StringComparison.OrdinalIgnoreCase)
            || result.StdErr.Contains("CertificateFile", StringComparison.OrdinalIgnoreCase),
            result.Describe());
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashpassword_prints_an_identity_v3_hash_that_differs_per_call()
    {
        var first = await RunHostAsync(["hashpassword"], standardInput: "pa55word");
        var second = await RunHostAsync(["hashpassword"], standardInput: "pa55word");

        Assert.True(first.Succeeded, first.Describe());
        var hash = first.StdOut.Trim();
        var decoded = Convert.FromBase64String(hash);
        Assert.Equal(0x01, decoded[0]);
        Assert.NotEqual(hash, second.StdOut.Trim());
    }

    private Task<ProcessResult> RunHostAsync(params string[] arguments) => RunHostAsync(arguments, standardInput: null);

    private async Task<ProcessResult> RunHostAsync(string[] arguments, string? standardInput)
    {
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser("alice", "irrelevant", TestRun.NewDirectory("cli-home")));
        var environment = standardInput is null ? await settings.BuildEnvironmentAsync() : null;
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        var result = await ClientRunner.RunAsync(
            fileName,
            [.. prefix, .. arguments],
            TimeSpan.FromSeconds(30),
            standardInput: standardInput,
            environment: environment,
            workingDirectory: workingDirectory);
        output.WriteLine(result.Describe());
        return result;
    }
}
