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
        Assert.Equal("error: FtpServer:DataChannel:PassivePorts: 'abc' is not a port or a range of ports between 1 and 65535", result.StdErr.Trim());
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftpserver_with_a_proxy_protocol_source_that_is_not_a_cidr_exits_2_naming_the_value()
    {
        var result = await RunHostAsync("ftpserver", "127.0.0.1:0", "--proxy-protocol-from", "10.0.0.0/24,lb.example");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: FtpServer:ProxyProtocol:TrustedProxies:1: 'lb.example' is not an IP address or CIDR range", result.StdErr.Trim());
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftpserver_with_a_missing_certificate_file_exits_2_naming_the_file()
    {
        var missing = Path.Combine(TestRun.ScratchRoot, "no-such-dir", "missing-cert.pem");

        var result = await RunHostAsync("ftpserver", "127.0.0.1:0", "--certfile", missing, "--keyfile", missing + ".key");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: FtpServer:Tls:CertificateFile: file '{missing}' does not exist", result.StdErr.Trim());
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftpserver_with_a_key_that_does_not_match_the_certificate_exits_2_with_one_line_naming_the_setting()
    {
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        string key = Path.Combine(TestRun.NewDirectory("cli-key"), "other.key.pem");
        await File.WriteAllTextAsync(key, otherKey.ExportPkcs8PrivateKeyPem() + "\n");

        var result = await RunHostAsync("ftpserver", "127.0.0.1:0", "--certfile", TestCertificate.CertFile, "--keyfile", key);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: FtpServer:Tls:KeyFile: the key in '{key}' cannot be used with the certificate in '{TestCertificate.CertFile}': ", line, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
    }

    [Theory]
    [InlineData("FtpServer__UseSendfile", "maybe", "FtpServer:UseSendfile", "System.Boolean")]
    [InlineData("FtpServer__Timeouts__Idle", "abc", "FtpServer:Timeouts:Idle", "System.TimeSpan")]
    [InlineData("FtpServer__UploadMode", "Rename", "FtpServer:UploadMode", "AspNetFtp.Protocol.Abstractions.FtpUploadMode")]
    public async Task Ftpserver_with_a_value_that_does_not_convert_exits_2_with_one_line_naming_the_setting_and_value(
        string variable, string value, string setting, string type)
    {
        var result = await RunHostAsync(["ftpserver", "127.0.0.1:0"], standardInput: null, extraEnvironment: new() { [variable] = value });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: Failed to convert configuration value '{value}' at '{setting}' to type '{type}'.", result.StdErr.Trim());
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftpserver_with_an_old_seconds_key_that_is_not_a_number_exits_2_naming_the_old_key()
    {
        var result = await RunHostAsync(["ftpserver", "127.0.0.1:0"], standardInput: null, extraEnvironment: new() { ["FtpServer__Timeout"] = "abc" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: FtpServer:Timeout: 'abc' is not a number of seconds", result.StdErr.Trim());
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_on_a_busy_port_exits_1_with_one_line_and_logs_nothing_below_the_configured_levels()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        int port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

        var result = await RunHostAsync("ftpserver", $"127.0.0.1:{port}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: FTP listener could not bind 127.0.0.1:{port}: address already in use", result.StdErr.Trim());
        Assert.DoesNotContain("dbug:", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting starting", result.StdOut, StringComparison.Ordinal);
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

    private async Task<ProcessResult> RunHostAsync(string[] arguments, string? standardInput, Dictionary<string, string>? extraEnvironment = null)
    {
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser("alice", "irrelevant", TestRun.NewDirectory("cli-home")));
        var environment = standardInput is null ? await settings.BuildEnvironmentAsync() : null;
        foreach ((string name, string value) in extraEnvironment ?? [])
        {
            environment![name] = value;
        }

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
