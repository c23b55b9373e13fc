using System.Collections.Concurrent;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Defender;

/// <summary>A defender on a fake clock, its events and metrics recorded, over a store the test may share or break.</summary>
internal sealed class DefenderHarness : IAsyncDisposable
{
    public DefenderHarness(Action<FtpDefenderOptions>? configure = null, IFtpBanStore? store = null, FakeTimeProvider? time = null, int ipv6PrefixLength = 64)
    {
        Options = new FtpDefenderOptions();
        configure?.Invoke(Options);
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        Store = store ?? new InMemoryFtpBanStore();
        Defender = new FtpDefender(Options, ipv6PrefixLength, Store, Time, Metrics.Metrics, Events.Enqueue, NullLogger.Instance);
    }

    public FtpDefenderOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public IFtpBanStore Store { get; }

    public MetricRecorder Metrics { get; } = new();

    public ConcurrentQueue<FtpEvent> Events { get; } = new();

    public FtpDefender Defender { get; }

    public async ValueTask DisposeAsync()
    {
        await Defender.DisposeAsync();
        Metrics.Dispose();
    }
}
