using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace AspNetFtp.Webhooks;

/// <summary>
/// One hook's own bounded queue and the loop that delivers from it, one delivery at a time, so a slow or failing
/// receiver only ever holds up itself. Enqueueing never waits: a full queue drops the delivery (counted, logged at
/// each power of two).
/// </summary>
internal sealed class WebhookQueue
{
    private readonly Channel<WebhookDelivery> _channel;
    private readonly WebhookSender _sender;
    private readonly WebhookMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private long _dropped;

    public WebhookQueue(WebhookHook hook, int capacity, WebhookSender sender, WebhookMetrics metrics, ILogger logger)
    {
        Hook = hook;
        _sender = sender;
        _metrics = metrics;
        _logger = logger;
        _channel = Channel.CreateBounded<WebhookDelivery>(new BoundedChannelOptions(capacity)
        {
            // Wait makes TryWrite report a full queue (DropWrite would claim success); TryWrite itself never waits.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _pump = Task.Run(PumpAsync);
    }

    public WebhookHook Hook { get; }

    /// <summary>Deliveries this hook lost because its queue was full or stopped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="delivery"/> without waiting; false (counted) when the queue is full or stopped.</summary>
    public bool TryEnqueue(WebhookDelivery delivery)
    {
        if (_channel.Writer.TryWrite(delivery))
        {
            return true;
        }

        long dropped = Interlocked.Increment(ref _dropped);
        _metrics.Dropped(Hook.Index);
        if ((dropped & (dropped - 1)) == 0)
        {
            WebhookLog.Dropped(_logger, Hook.Index, Hook.DisplayUrl, dropped);
        }

        return false;
    }

    /// <summary>
    /// Takes no more deliveries and lets the queued ones go out for up to <paramref name="drainTime"/>; then cancels
    /// the one in flight and drops the rest (counted).
    /// </summary>
    public async Task StopAsync(TimeSpan drainTime, TimeProvider time)
    {
        _channel.Writer.TryComplete();
        try
        {
            await _pump.WaitAsync(drainTime, time);
        }
        catch (TimeoutException)
        {
            WebhookLog.DrainTimedOut(_logger, Hook.Index, Hook.DisplayUrl, _channel.Reader.Count, drainTime.TotalSeconds);
            await _stopping.CancelAsync();
            await _pump;
        }

        _stopping.Dispose();
    }

    /// <summary>Stops at once: the delivery in flight is cancelled, the queued ones dropped.</summary>
    public void Cancel()
    {
        _channel.Writer.TryComplete();
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped.
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException network => $"network error ({network.HttpRequestError})",
        TimeoutRejectedException => "timed out",
        OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };

    private async Task PumpAsync()
    {
        CancellationToken stopping = _stopping.Token;
        ChannelReader<WebhookDelivery> reader = _channel.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (reader.TryRead(out WebhookDelivery? delivery))
            {
                if (stopping.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _dropped);
                    _metrics.Dropped(Hook.Index);
                    continue;
                }

                await DeliverAsync(delivery, stopping);
            }
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken stopping)
    {
        try
        {
            HttpStatusCode status = await _sender.SendAsync(Hook, delivery, stopping);
            if ((int)status is >= 200 and <= 299)
            {
                _metrics.Delivered(Hook.Index);
                WebhookLog.Delivered(_logger, Hook.Index, Hook.DisplayUrl, delivery.Kind, delivery.Id, (int)status);
                return;
            }

            Fail(delivery, $"HTTP {(int)status}");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Fail(delivery, "the server stopped");
        }
#pragma warning disable CA1031 // A failed delivery must not end the hook's loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(delivery, Describe(ex));
        }
    }

    private void Fail(WebhookDelivery delivery, string reason)
    {
        _metrics.Failed(Hook.Index);
        WebhookLog.DeliveryFailed(_logger, Hook.Index, Hook.DisplayUrl, delivery.Kind, delivery.Id, reason);
    }
}
