using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Events;

/// <summary>
/// Feeds the event sinks, each from its own bounded queue and loop, so a slow sink delays no other and no
/// session. Publishing never waits: when a sink's queue is full the event is dropped for that sink and
/// counted. On stop (the host stopping, or disposal) each sink gets <see cref="FtpTimeoutOptions.EventDrain"/>
/// to work through its queue; then the token it was given is cancelled.
/// </summary>
public sealed class FtpEventQueue : IHostedService, IAsyncDisposable
{
    private readonly SinkQueue[] _sinks;
    private readonly ILogger _logger;
    private readonly FtpMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _drainTime;
    private readonly Lock _stopLock = new();
    private Task? _stop;
    private long _dropped;

    /// <summary>A queue feeding each of <paramref name="sinks"/> from its own bounded channel.</summary>
    /// <param name="sinks">The registered event sinks; none makes publishing a no-op.</param>
    /// <param name="logger">Logs a failing sink, drops and a drain that timed out.</param>
    /// <param name="options">Queue capacity per sink and drain time; the defaults of <see cref="FtpServerOptions"/> when null.</param>
    /// <param name="metrics">Counts dropped events per sink; nothing counted when null.</param>
    /// <param name="time">The clock of the drain time; the system clock when null.</param>
    public FtpEventQueue(
        IEnumerable<IFtpEventSink> sinks,
        ILogger<FtpEventQueue> logger,
        IOptions<FtpServerOptions>? options = null,
        FtpMetrics? metrics = null,
        TimeProvider? time = null)
    {
        FtpServerOptions settings = options?.Value ?? new FtpServerOptions();
        _logger = logger;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _drainTime = settings.Timeouts.EventDrain;
        _sinks = [.. sinks.Select(sink => new SinkQueue(sink, settings.Limits.EventQueueCapacity, logger))];
    }

    /// <summary>Events dropped, summed over every sink.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True when at least one sink is registered (otherwise publishing does nothing).</summary>
    public bool HasSinks => _sinks.Length > 0;

    /// <summary>Events dropped for <paramref name="sink"/> alone (0 for a sink this queue does not feed).</summary>
    public long DroppedFor(IFtpEventSink sink) =>
        Array.Find(_sinks, q => ReferenceEquals(q.Sink, sink))?.Dropped ?? 0;

    /// <summary>Queues the event for every sink without waiting; a sink whose queue is full misses it (counted).</summary>
    public void Publish(FtpEvent ftpEvent)
    {
        foreach (SinkQueue sink in _sinks)
        {
            if (!sink.TryWrite(ftpEvent, out long droppedForSink))
            {
                Interlocked.Increment(ref _dropped);
                _metrics?.EventDropped(sink.Name);
                if ((droppedForSink & (droppedForSink - 1)) == 0)
                {
                    FtpLog.EventsDropped(_logger, sink.Name, droppedForSink);
                }
            }
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops taking events and gives each sink the drain time (cut short by <paramref name="cancellationToken"/>,
    /// the host's own stop deadline) to receive what is queued for it; then cancels the sinks' tokens.
    /// Registered before the server, so the host stops it after the server has published its last event.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
        {
            return _stop ??= Task.WhenAll(_sinks.Select(s => s.StopAsync(_drainTime, _time, cancellationToken)));
        }
    }

    /// <summary>Stops as <see cref="StopAsync"/> does, without a host deadline: each sink gets the full drain time.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
