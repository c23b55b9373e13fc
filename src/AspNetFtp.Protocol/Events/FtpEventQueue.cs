using System.Threading.Channels;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Events;

/// <summary>
/// A bounded queue between sessions and the event sinks. Publishing never waits: when the queue is full
/// the event is dropped and counted, so a slow sink cannot stall a session.
/// </summary>
public sealed class FtpEventQueue : IAsyncDisposable
{
    private readonly IFtpEventSink[] _sinks;
    private readonly Channel<FtpEvent>? _channel;
    private readonly ILogger _logger;
    private readonly Task _pump;
    private long _dropped;

    public FtpEventQueue(IEnumerable<IFtpEventSink> sinks, ILogger<FtpEventQueue> logger, int capacity = 10_000)
    {
        _sinks = [.. sinks];
        _logger = logger;
        if (_sinks.Length == 0)
        {
            _pump = Task.CompletedTask;
            return;
        }

        _channel = Channel.CreateBounded<FtpEvent>(new BoundedChannelOptions(capacity)
        {
            // Wait makes TryWrite report a full queue (DropWrite would claim success); TryWrite itself never waits.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool HasSinks => _channel is not null;

    public void Publish(FtpEvent ftpEvent)
    {
        if (_channel is null)
        {
            return;
        }

        if (!_channel.Writer.TryWrite(ftpEvent))
        {
            long dropped = Interlocked.Increment(ref _dropped);
            if ((dropped & (dropped - 1)) == 0)
            {
                FtpLog.EventsDropped(_logger, dropped);
            }
        }
    }

    private async Task PumpAsync()
    {
        await foreach (FtpEvent e in _channel!.Reader.ReadAllAsync())
        {
            foreach (IFtpEventSink sink in _sinks)
            {
                try
                {
                    await sink.OnEventAsync(e, CancellationToken.None);
                }
#pragma warning disable CA1031 // A failing sink must not end the pump.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    FtpLog.EventSinkFailed(_logger, ex, sink.GetType().Name);
                }
            }
        }
    }

    /// <summary>Stops accepting events and waits for the queued ones to be delivered.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel?.Writer.TryComplete();
        await _pump;
    }
}
