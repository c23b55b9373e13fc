using System.Threading.Channels;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Events;

/// <summary>
/// One sink's own bounded queue and the loop that feeds it, so a slow sink only ever holds up itself.
/// The sink's token is cancelled when its drain time after the stop has passed.
/// </summary>
internal sealed class SinkQueue
{
    private readonly IFtpEventSink _sink;
    private readonly Channel<FtpEvent> _channel;
    private readonly CancellationTokenSource _stopped = new();
    private readonly ILogger _logger;
    private readonly Task _pump;
    private long _dropped;

    public SinkQueue(IFtpEventSink sink, int capacity, ILogger logger)
    {
        _sink = sink;
        _logger = logger;
        Name = sink is INamedEventSink named ? named.SinkName : NameOf(sink.GetType());
        _channel = Channel.CreateBounded<FtpEvent>(new BoundedChannelOptions(capacity)
        {
            // Wait makes TryWrite report a full queue (DropWrite would claim success); TryWrite itself never waits.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _pump = Task.Run(PumpAsync);
    }

    public IFtpEventSink Sink => _sink;

    /// <summary>The sink's type name (a handler's, for a handler): the <c>sink</c> tag of the drop counter and the name in the log.</summary>
    public string Name { get; }

    /// <summary>Events this sink lost because its queue was full (or already stopped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues the event without waiting; false (and counted) when the queue is full or stopped.</summary>
    public bool TryWrite(FtpEvent ftpEvent, out long droppedSoFar)
    {
        if (_channel.Writer.TryWrite(ftpEvent))
        {
            droppedSoFar = 0;
            return true;
        }

        droppedSoFar = Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>A type's name without a generic arity (<c>FtpAuditLogSink</c>, not <c>FtpAuditLogSink`1</c>).</summary>
    private static string NameOf(Type type) =>
        type.Name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? type.Name[..tick] : type.Name;

    private async Task PumpAsync()
    {
        CancellationToken stopped = _stopped.Token;
        ChannelReader<FtpEvent> reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopped))
            {
                while (!stopped.IsCancellationRequested && reader.TryRead(out FtpEvent? ftpEvent))
                {
                    try
                    {
                        await _sink.OnEventAsync(ftpEvent, stopped);
                    }
                    catch (OperationCanceledException) when (stopped.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // A failing sink must not end its pump.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        FtpLog.EventSinkFailed(_logger, ex, Name);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Takes no more events and lets the sink work through the queued ones for up to <paramref name="drainTime"/>
    /// (or until <paramref name="cancellationToken"/> fires); then cancels the sink's token and stops feeding it.
    /// A sink that ignores its token is not waited for.
    /// </summary>
    public async Task StopAsync(TimeSpan drainTime, TimeProvider time, CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        try
        {
            await _pump.WaitAsync(drainTime, time, cancellationToken);
            _stopped.Dispose();
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            FtpLog.EventSinkDrainTimedOut(_logger, Name, drainTime.TotalSeconds, _channel.Reader.Count);
            await _stopped.CancelAsync();
        }
    }
}
