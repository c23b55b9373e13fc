using System.Diagnostics.Metrics;
using System.Net;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>
/// The FTP server as an application gets it: a Generic Host with <c>AddFtpServer(configuration).AddWebhooks()</c>,
/// the settings given as configuration keys, on 127.0.0.1 and a free port, alice's home in a fresh temporary
/// directory, every log call and every webhook measurement recorded. <see cref="StopAsync"/> stops the host and
/// disposes its services, which lets each hook deliver what it has queued.
/// </summary>
internal sealed class WebhookFtpServer : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private WebhookFtpServer(IHost host, string home, RecordingLoggerProvider logs, WebhookMetricRecorder metrics)
    {
        _host = host;
        Home = home;
        Logs = logs;
        Metrics = metrics;
    }

    public string Home { get; }

    public RecordingLoggerProvider Logs { get; }

    public WebhookMetricRecorder Metrics { get; }

    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Builds the host from <paramref name="settings"/> (keys as in appsettings, <c>FtpServer:Webhooks:...</c>).</summary>
    public static IHost Build(IDictionary<string, string?> settings, string home, RecordingLoggerProvider logs)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
            ["FtpServer:Defender:Enabled"] = "false",
            ["FtpServer:Timeouts:ShutdownGrace"] = "00:00:02",
            ["FtpServer:Timeouts:EventDrain"] = "00:00:20",
        };
        foreach ((string key, string? value) in settings)
        {
            configuration[key] = value;
        }

        return new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(configuration))
            .ConfigureLogging(l => l.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .ConfigureServices((context, services) =>
            {
                services.AddSingleton(new HomeAuthenticator(home));
                services.AddFtpServer(context.Configuration).AddAuthenticator<HomeAuthenticator>().AddWebhooks();
            })
            .Build();
    }

    public static async Task<WebhookFtpServer> StartAsync(IDictionary<string, string?> settings)
    {
        string home = Directory.CreateTempSubdirectory("aspnetftp-webhooks-tests-").FullName;
        var logs = new RecordingLoggerProvider();
        IHost host = Build(settings, home, logs);
        var metrics = new WebhookMetricRecorder(host.Services.GetRequiredService<IMeterFactory>());
        var server = new WebhookFtpServer(host, home, logs, metrics);
        try
        {
            // Started off the test framework's synchronization context, so the server's loops run on the thread pool.
            await Task.Run(() => host.StartAsync());
            server.EndPoint = new IPEndPoint(IPAddress.Loopback, host.Services.GetRequiredService<FtpServer>().Listeners[0].EndPoint.Port);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects, reads the 220 greeting and logs in as alice.</summary>
    public async Task<RawFtpClient> LoginAsync()
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(EndPoint);
        FtpReply greeting = await client.ReadReplyAsync();
        Assert.True(greeting.Code == 220, $"Expected the 220 greeting, got {greeting}");
        await client.LoginAsync(HomeAuthenticator.UserName, HomeAuthenticator.Password);
        return client;
    }

    /// <summary>Stops the host and disposes its services: the hooks' queues drain (within <c>Timeouts:EventDrain</c>).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            if (_host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Metrics.Dispose();
            try
            {
                Directory.Delete(Home, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover temp directory must not fail a test.
            }
        }
    }
}
