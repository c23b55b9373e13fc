using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Server;

/// <summary>
/// Issue 8: a start that cannot bind its port or finds something broken fails with a message that names the
/// address or says what to do (<see cref="FtpStartupException"/>), or, with
/// <c>StopApplicationOnStartFailure=false</c>, leaves the application running without FTP; the health check tells.
/// </summary>
public sealed class StartupFailureTests
{
    /// <summary>A port held by a listening socket on 127.0.0.1 for the test's lifetime.</summary>
    private static TcpListener HoldPort()
    {
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        return busy;
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    private static ServiceProvider BuildServices(Action<FtpServerOptions> configure, RecordingLoggerProvider? logs = null, Action<FtpServerBuilder>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        FtpServerBuilder builder = services.AddFtpServer(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = 0;
            configure(o);
        }).AddAuthenticator<TestAuthenticatorForDi>();
        more?.Invoke(builder);
        services.AddHealthChecks().AddFtpHealthChecks();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_busy_port_fails_the_start_with_an_FtpListenerBindException_naming_the_address_and_port()
    {
        using TcpListener busy = HoldPort();
        await using ServiceProvider services = BuildServices(o => o.Port = PortOf(busy));
        FtpServer server = services.GetRequiredService<FtpServer>();

        var ex = await Assert.ThrowsAsync<FtpListenerBindException>(() => server.StartAsync(CancellationToken.None));

        Assert.Equal($"FTP listener could not bind 127.0.0.1:{PortOf(busy)}: address already in use", ex.Message);
        Assert.Equal(SocketError.AddressAlreadyInUse, ex.Error);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, PortOf(busy)), ex.EndPoint);
    }

    [Fact]
    public async Task With_StopApplicationOnStartFailure_off_a_busy_port_is_logged_and_the_start_returns_without_ftp()
    {
        using TcpListener busy = HoldPort();
        var logs = new RecordingLoggerProvider();
        await using ServiceProvider services = BuildServices(o =>
        {
            o.Port = PortOf(busy);
            o.StopApplicationOnStartFailure = false;
        }, logs);
        FtpServer server = services.GetRequiredService<FtpServer>();

        await server.StartAsync(CancellationToken.None);

        string expected = $"FTP listener could not bind 127.0.0.1:{PortOf(busy)}: address already in use";
        Assert.False(server.IsAccepting);
        Assert.Equal(expected, server.StartProblem);
        LogRecord record = Assert.Single(logs.Records, r => r.EventId.Id == 5);
        Assert.Equal(LogLevel.Critical, record.Level);
        Assert.Contains(expected, record.Message, StringComparison.Ordinal);
        HealthReport health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal(expected, health.Entries["ftp"].Description);
    }

    [Fact]
    public async Task A_broken_readiness_check_fails_the_start_with_its_problem_and_no_client_is_ever_accepted()
    {
        await using ServiceProvider services = BuildServices(_ => { }, more: b => b.AddReadinessCheck<BrokenCheck>());
        FtpServer server = services.GetRequiredService<FtpServer>();
        IPEndPoint? bound = null;
        server.ListenersBound = _ =>
        {
            bound = server.Listeners[0].EndPoint;
            return Task.CompletedTask;
        };

        var ex = await Assert.ThrowsAsync<FtpStartupException>(() => server.StartAsync(CancellationToken.None));

        Assert.Equal(BrokenCheck.Problem, ex.Message);
        Assert.NotNull(bound);
        // The listener was closed again: nobody is served by a server that failed its checks.
        await Assert.ThrowsAnyAsync<SocketException>(() => RawFtpClient.ConnectAsync(bound!));
    }

    [Fact]
    public async Task The_ftp_health_check_is_healthy_while_the_listener_accepts_and_names_a_readiness_problem()
    {
        await using ServiceProvider healthy = BuildServices(_ => { });
        FtpServer server = healthy.GetRequiredService<FtpServer>();
        await server.StartAsync(CancellationToken.None);
        try
        {
            HealthReport report = await healthy.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Status);
            Assert.Equal($"{server.Listeners[0].EndPoint} (Ftp)", report.Entries["ftp"].Data["listeners"]);
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }

        HealthReport stopped = await healthy.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);

        await using ServiceProvider unavailable = BuildServices(_ => { }, more: b => b.AddReadinessCheck<UnavailableCheck>());
        FtpServer second = unavailable.GetRequiredService<FtpServer>();
        await second.StartAsync(CancellationToken.None);
        try
        {
            // Unavailable (a database that is down) lets the server start, and the health check says so.
            Assert.True(second.IsAccepting);
            HealthReport report = await unavailable.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.Equal(UnavailableCheck.Problem, report.Entries["ftp"].Description);
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
        }
    }

    private sealed class BrokenCheck : IFtpReadinessCheck
    {
        public const string Problem = "the widgets table is missing: run the widget migration";

        public Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(FtpReadiness.Broken(Problem));
    }

    private sealed class UnavailableCheck : IFtpReadinessCheck
    {
        public const string Problem = "the widget database cannot be reached";

        public Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(FtpReadiness.Unavailable(Problem));
    }

    private sealed class TestAuthenticatorForDi : IFtpAuthenticator
    {
        public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(FtpAuthenticationResult.InvalidCredentials);
    }
}
