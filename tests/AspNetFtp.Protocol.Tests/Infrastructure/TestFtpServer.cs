using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// A real <see cref="FtpServer"/> on 127.0.0.1 and a free port, with alice's home in a fresh temp directory
/// and every event recorded. Disposing stops the server and removes the directory.
/// </summary>
internal sealed class TestFtpServer : IAsyncDisposable
{
    private readonly FtpEventQueue _queue;
    private OwnedMeterFactory? _ownedMeters;

    private TestFtpServer(FtpServer server, FtpServerOptions options, TempDirectory home, TestAuthenticator authenticator, RecordingEventSink events, FtpEventQueue queue, FtpDefender defender)
    {
        Defender = defender;
        Server = server;
        Options = options;
        Home = home;
        Authenticator = authenticator;
        Events = events;
        _queue = queue;
    }

    public FtpServer Server { get; }

    /// <summary>The server's defender (off unless the test's <c>configure</c> sets <c>Defender.Enabled</c>).</summary>
    public FtpDefender Defender { get; }

    public FtpServerOptions Options { get; }

    /// <summary>alice's home, the root of her virtual file system.</summary>
    public TempDirectory Home { get; }

    public TestAuthenticator Authenticator { get; }

    public RecordingEventSink Events { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Server.Listeners[0].EndPoint.Port);

    /// <param name="fileSystems">The storage; <see cref="LocalFileSystemFactory"/> when null.</param>
    /// <param name="logs">Receives every log call of the server, from Trace up; none recorded when null.</param>
    /// <param name="metrics">Counts into this <see cref="FtpMetrics"/> (a <c>MetricRecorder</c>'s); a private meter when null.</param>
    /// <param name="preambles">Connection preamble stages run between accept and admission.</param>
    /// <param name="readinessChecks">Checks run after binding, before the first accept.</param>
    /// <param name="accountStamps">The store the account recheck asks (with <c>EndSessionsOnAccountChange</c>).</param>
    /// <param name="sinks">Event sinks fed beside the recording one, each on its own queue.</param>
    /// <param name="quotas">Where quota usage is kept; the server's in-memory store when null.</param>
    /// <param name="storageProfiles">The named storage profiles users may name; none when null.</param>
    public static async Task<TestFtpServer> StartAsync(
        FtpPermissions permissions = FtpPermissions.All,
        Action<FtpServerOptions>? configure = null,
        TimeProvider? time = null,
        IFtpFileSystemFactory? fileSystems = null,
        RecordingLoggerProvider? logs = null,
        FtpMetrics? metrics = null,
        IEnumerable<IFtpConnectionPreamble>? preambles = null,
        IEnumerable<IFtpReadinessCheck>? readinessChecks = null,
        IFtpAccountStampSource? accountStamps = null,
        IEnumerable<IFtpEventSink>? sinks = null,
        IFtpQuotaStore? quotas = null,
        IFtpBanStore? banStore = null,
        FtpStorageProfiles? storageProfiles = null)
    {
        var home = new TempDirectory();
        var options = new FtpServerOptions
        {
            Host = "127.0.0.1",
            Port = 0,
            Timeouts = { LoginFailureDelay = TimeSpan.Zero, ShutdownGrace = TimeSpan.FromSeconds(2) },
            // Tests make many failures from 127.0.0.1; the defender's own tests switch it on.
            Defender = { Enabled = false },
        };
        configure?.Invoke(options);
        var authenticator = new TestAuthenticator(home.Path, permissions);
        var events = new RecordingEventSink();
        ILoggerFactory loggerFactory = logs?.CreateFactory() ?? NullLoggerFactory.Instance;
        var queue = new FtpEventQueue([events, .. sinks ?? []], loggerFactory.CreateLogger<FtpEventQueue>());
        OwnedMeterFactory? ownedMeters = metrics is null ? new OwnedMeterFactory() : null;
        metrics ??= new FtpMetrics(ownedMeters!);
        var defender = new FtpDefender(options.Defender, options.Limits.Ipv6PrefixLength, banStore ?? new InMemoryFtpBanStore(), time ?? TimeProvider.System,
            metrics, queue.Publish, loggerFactory.CreateLogger<FtpDefender>(), options.ProxyProtocol.Enabled ? options.ProxyProtocol.TrustedProxies : null);
        var server = new FtpServer(Microsoft.Extensions.Options.Options.Create(options), authenticator, fileSystems ?? new LocalFileSystemFactory(options.UploadMode), queue, loggerFactory, time, preambles, metrics,
            readinessChecks, accountStamps, quotas, defender, storageProfiles);

        // Start off the test framework's synchronization context, so the server's loops run on the thread pool.
        await Task.Run(() => server.StartAsync(CancellationToken.None));
        return new TestFtpServer(server, options, home, authenticator, events, queue, defender) { _ownedMeters = ownedMeters };
    }

    /// <summary>Connects and reads the 220 greeting.</summary>
    public async Task<RawFtpClient> ConnectAsync(IPAddress? localAddress = null)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(EndPoint, localAddress);
        FtpReply greeting = await client.ReadReplyAsync();
        Assert.True(greeting.Code == 220, $"Expected the 220 greeting, got {greeting}");
        return client;
    }

    /// <summary>Connects (from <paramref name="localAddress"/> when given) and logs in as alice.</summary>
    public async Task<RawFtpClient> LoginAsync(IPAddress? localAddress = null)
    {
        RawFtpClient client = await ConnectAsync(localAddress);
        FtpReply user = await client.CommandAsync("USER " + TestAuthenticator.UserName);
        Assert.True(user.Code == 331, $"USER: {user}");
        FtpReply pass = await client.CommandAsync("PASS " + TestAuthenticator.Password);
        Assert.True(pass.Code == 230, $"PASS: {pass}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Defender.DisposeAsync();
        _ownedMeters?.Dispose();
        await _queue.DisposeAsync();
        Home.Dispose();
    }
}
