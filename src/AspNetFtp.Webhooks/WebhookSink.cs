using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Webhooks;

/// <summary>
/// The event sink of the webhooks: serializes each event once (<see cref="WebhookPayload"/>) and hands a delivery
/// to every hook whose filter wants it, each through its own <see cref="WebhookQueue"/>, without waiting. When the
/// application's services are disposed (after the host and the event queue have stopped) each hook gets
/// <c>FtpServer:Timeouts:EventDrain</c> to deliver what is queued; the rest is dropped and counted.
/// </summary>
internal sealed class WebhookSink : IFtpEventSink, IAsyncDisposable, IDisposable
{
    private readonly WebhookQueue[] _queues;
    private readonly TimeSpan _drainTime;
    private readonly TimeProvider _time;
    private int _stopped;

    public WebhookSink(
        IOptions<WebhookOptions> options,
        WebhookSender sender,
        WebhookMetrics metrics,
        ILogger<WebhookSink> logger,
        IOptions<FtpServerOptions>? serverOptions = null,
        TimeProvider? time = null)
    {
        WebhookOptions settings = options.Value;
        _drainTime = serverOptions?.Value.Timeouts.EventDrain ?? new FtpTimeoutOptions().EventDrain;
        _time = time ?? TimeProvider.System;
        _queues = [.. settings.Hooks.Select((hook, index) =>
            new WebhookQueue(new WebhookHook(index, hook), settings.QueueCapacity, sender, metrics, logger))];
        WebhookLog.Configured(logger, _queues.Length);
    }

    /// <summary>The hooks' queues, in configuration order.</summary>
    public IReadOnlyList<WebhookQueue> Queues => _queues;

    public ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ftpEvent);
        string kind = FtpEventKinds.Of(ftpEvent);
        byte[]? body = null;
        foreach (WebhookQueue queue in _queues)
        {
            if (queue.Hook.Wants(kind))
            {
                body ??= WebhookPayload.Serialize(ftpEvent);
                queue.TryEnqueue(new WebhookDelivery(Guid.NewGuid(), kind, body));
            }
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await Task.WhenAll(_queues.Select(q => q.StopAsync(_drainTime, _time)));
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            foreach (WebhookQueue queue in _queues)
            {
                queue.Cancel();
            }
        }
    }
}
