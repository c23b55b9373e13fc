using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>Issue 12: <c>healthcheck</c>, the verb the Dockerfile's HEALTHCHECK runs (the runtime image has no curl).</summary>
public sealed class HealthCheckVerbTests(ITestOutputHelper output)
{
    private const int StoppedPort = 15040;
    private const int HttpPort = 15050;

    [Fact]
    public async Task A_serving_server_is_healthy_exit_0()
    {
        await using var server = await FtpTestServer.StartAsync(output);

        ProcessResult check = await RunAsync("--ftp", $"127.0.0.1:{server.Port}");

        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy_exit_1_with_one_line_naming_the_address()
    {
        ProcessResult check = await RunAsync("--ftp", $"127.0.0.1:{StoppedPort}");

        Assert.Equal(1, check.ExitCode);
        Assert.Single(check.StdErr.Trim().Split('\n'));
        Assert.StartsWith($"unhealthy: 127.0.0.1:{StoppedPort}: ", check.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_that_never_greets_is_unhealthy_within_the_timeout()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen();
        int port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var clock = Stopwatch.StartNew();

        ProcessResult check = await RunAsync("--ftp", $"127.0.0.1:{port}", "--timeout", "2");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("no 220 greeting within 2 s", check.StdErr, StringComparison.Ordinal);
        // 2 s of waiting plus the host's own start (seconds on a busy machine), never the 60 s of the runner.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_url_answering_200_is_healthy_exit_0()
    {
        using var listener = Answering(HttpPort, 200, out Task answer);

        ProcessResult check = await RunAsync("--url", $"http://127.0.0.1:{HttpPort}/healthz");
        await answer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public async Task A_url_answering_503_is_unhealthy_exit_1_naming_the_status()
    {
        using var listener = Answering(HttpPort + 1, 503, out Task answer);

        ProcessResult check = await RunAsync("--url", $"http://127.0.0.1:{HttpPort + 1}/healthz");
        await answer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, check.ExitCode);
        Assert.Equal($"unhealthy: http://127.0.0.1:{HttpPort + 1}/healthz: HTTP 503", check.StdErr.Trim());
    }

    /// <summary>An HTTP server on loopback that answers one request with <paramref name="status"/>.</summary>
    private static HttpListener Answering(int port, int status, out Task answer)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        answer = Task.Run(async () =>
        {
            HttpListenerContext context = await listener.GetContextAsync();
            context.Response.StatusCode = status;
            context.Response.Close();
        });
        return listener;
    }

    private async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        ProcessResult result = await ClientRunner.RunAsync(fileName, [.. prefix, "healthcheck", .. arguments], TimeSpan.FromSeconds(60), workingDirectory: workingDirectory);
        output.WriteLine(result.Describe());
        return result;
    }
}
