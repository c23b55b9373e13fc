using System.Net;
using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 9: the default command's <c>/metrics</c> (Prometheus text, parsed) and <c>/healthz</c>, anonymous, on the
/// admin's web port; both moved or switched off by <c>FtpServer:Metrics</c> and <c>FtpServer:Health</c>.
/// </summary>
public sealed partial class MonitoringEndpointTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Metrics_count_exactly_the_logins_transfers_and_bytes_of_a_scripted_curl_session()
    {
        const int UploadSize = 123_457;
        await using ServedHost host = await StartAsync(new Dictionary<string, string>());
        string local = Path.Combine(host.Scratch, "upload.bin");
        await File.WriteAllBytesAsync(local, Enumerable.Range(0, UploadSize).Select(i => (byte)(i * 7)).ToArray());
        string ftp = $"ftp://127.0.0.1:{host.FtpPort}/";

        ProcessResult upload = await ClientRunner.CurlAsync(["-sS", "--user", "admin:" + host.Password, "-T", local, ftp + "upload.bin"]);
        Assert.True(upload.Succeeded, upload.Describe());
        ProcessResult wrong = await ClientRunner.CurlAsync(["-sS", "--user", "admin:not-the-password", ftp + "upload.bin"]);
        Assert.Equal(67, wrong.ExitCode);
        string downloaded = Path.Combine(host.Scratch, "download.bin");
        ProcessResult download = await ClientRunner.CurlAsync(["-sS", "--user", "admin:" + host.Password, "-o", downloaded, ftp + "upload.bin"]);
        Assert.True(download.Succeeded, download.Describe());
        Assert.Equal(await File.ReadAllBytesAsync(local), await File.ReadAllBytesAsync(downloaded));

        // The last session's close is counted just after curl has its 221: wait (bounded) until no session is open.
        PrometheusText metrics = await ScrapeUntilAsync(host, m => m.Value("ftp_sessions_active") == 0);

        Assert.Equal(3, metrics.Value("ftp_connections_accepted_total"));
        Assert.Equal(2, metrics.Value("ftp_logins_total", ("result", "succeeded")));
        Assert.Equal(1, metrics.Value("ftp_logins_total", ("result", "failed")));
        Assert.Equal(UploadSize, metrics.Value("ftp_bytes_received_bytes_total"));
        Assert.Equal(UploadSize, metrics.Value("ftp_bytes_sent_bytes_total"));
        Assert.Equal(1, metrics.Value("ftp_transfers_total", ("direction", "upload"), ("result", "complete")));
        Assert.Equal(1, metrics.Value("ftp_transfers_total", ("direction", "download"), ("result", "complete")));
        Assert.Equal(1, metrics.Value("ftp_transfer_duration_seconds_count", ("direction", "upload"), ("result", "complete")));
        // ASP.NET Core's and the runtime's instruments are exported beside the engine's.
        Assert.Contains(metrics.Names, n => n.StartsWith("http_server_", StringComparison.Ordinal));
        Assert.Contains(metrics.Names, n => n.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Healthz_answers_200_while_serving_and_503_once_an_ftp_account_table_is_gone()
    {
        await using ServedHost host = await StartAsync(new Dictionary<string, string>());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using (HttpResponseMessage healthy = await http.GetAsync(host.Web + "/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());
        }

        ProcessResult drop = await ClientRunner.RunAsync("sqlite3", [Path.Combine(host.Data, "aspnetftp.db"), "DROP TABLE FtpAppPasswords;"]);
        Assert.True(drop.Succeeded, drop.Describe());

        using HttpResponseMessage unhealthy = await http.GetAsync(host.Web + "/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Switched_off_metrics_answer_404_and_a_moved_health_path_serves_in_place_of_the_old_one()
    {
        await using ServedHost host = await StartAsync(new Dictionary<string, string>
        {
            ["FtpServer__Metrics__Enabled"] = "false",
            ["FtpServer__Health__Path"] = "/status/ready",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(host.Web + "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(host.Web + "/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(host.Web + "/status/ready")).StatusCode);
    }

    [Fact]
    public async Task Switched_off_health_answers_404_and_a_moved_metrics_path_serves_the_engine_meter()
    {
        await using ServedHost host = await StartAsync(new Dictionary<string, string>
        {
            ["FtpServer__Health__Enabled"] = "false",
            ["FtpServer__Metrics__Path"] = "/internal/prometheus",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        ProcessResult wrong = await ClientRunner.CurlAsync(["-sS", "--user", "admin:not-the-password", $"ftp://127.0.0.1:{host.FtpPort}/"]);
        Assert.Equal(67, wrong.ExitCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(host.Web + "/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(host.Web + "/metrics")).StatusCode);
        PrometheusText metrics = PrometheusText.Parse(await http.GetStringAsync(host.Web + "/internal/prometheus"));
        Assert.Equal(1, metrics.Value("ftp_logins_total", ("result", "failed")));
    }

    [Theory]
    [InlineData("FtpServer__Health__Path", "healthz", "error: FtpServer:Health:Path must start with '/' (got 'healthz')")]
    [InlineData("FtpServer__Metrics__Path", "/admin/metrics",
        "error: FtpServer:Metrics:Path must lie outside the web admin's /admin (its pages require sign-in; got '/admin/metrics')")]
    public async Task A_bad_monitoring_path_stops_the_start_naming_the_setting(string key, string value, string error)
    {
        string scratch = TestRun.NewDirectory("monitoring-bad");
        Dictionary<string, string> environment = Environment(Path.Combine(scratch, "data"));
        environment[key] = value;

        await using HostStartAttempt host = await HostStartAttempt.StartAsync(output, environment, scratch);

        Assert.Equal(2, host.ExitCode);
        Assert.Contains("err| " + error + "\n", host.Output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(string data)
    {
        Dictionary<string, string> environment = HostStartAttempt.IdentityEnvironment(data);
        environment["FtpServer__Host"] = "127.0.0.1";
        environment["FtpServer__Port"] = "0";
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        return environment;
    }

    private async Task<ServedHost> StartAsync(Dictionary<string, string> settings)
    {
        string scratch = TestRun.NewDirectory("monitoring");
        string data = Path.Combine(scratch, "data");
        Dictionary<string, string> environment = Environment(data);
        foreach ((string key, string value) in settings)
        {
            environment[key] = value;
        }

        HostStartAttempt host = await HostStartAttempt.StartAsync(output, environment, scratch);
        try
        {
            Assert.True(await host.WaitForOutputAsync("Press Ctrl+C to stop.", ServeTimeout), host.Output);
            Match admin = AdminLine().Match(host.Output);
            Match ftp = FtpLine().Match(host.Output);
            Assert.True(admin.Success && ftp.Success, host.Output);
            string password = (await File.ReadAllTextAsync(Path.Combine(data, "first-administrator-password"))).Trim();
            return new ServedHost(host, scratch, data, admin.Groups["web"].Value, int.Parse(ftp.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture), password);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Scrapes <c>/metrics</c> until <paramref name="settled"/> holds (at most 10 s), then returns that scrape.</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(ServedHost host, Func<PrometheusText, bool> settled)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using HttpResponseMessage response = await http.GetAsync(host.Web + "/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            PrometheusText metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
            if (settled(metrics) || DateTime.UtcNow > deadline)
            {
                return metrics;
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^out\| Web admin: (?<web>http://127\.0\.0\.1:\d+)/admin$", RegexOptions.Multiline)]
    private static partial Regex AdminLine();

    [GeneratedRegex(@"^out\| Listening on 127\.0\.0\.1:(?<port>\d+) \(FTP\)$", RegexOptions.Multiline)]
    private static partial Regex FtpLine();

    private sealed record ServedHost(HostStartAttempt Process, string Scratch, string Data, string Web, int FtpPort, string Password) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
