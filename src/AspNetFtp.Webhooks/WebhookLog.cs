using Microsoft.Extensions.Logging;

namespace AspNetFtp.Webhooks;

/// <summary>
/// Every log line of the webhooks, source generated, with stable event ids. A hook is named by its index and its
/// URL without query or user information (<see cref="WebhookHook.DisplayUrl"/>); no secret, body or signature is
/// ever logged.
/// </summary>
internal static partial class WebhookLog
{
    [LoggerMessage(1, LogLevel.Debug, "Webhook {Hook} ({Url}) received {Kind} delivery {DeliveryId}: HTTP {Status}")]
    public static partial void Delivered(ILogger logger, int hook, string url, string kind, Guid deliveryId, int status);

    [LoggerMessage(2, LogLevel.Warning, "Webhook {Hook} ({Url}) did not receive {Kind} delivery {DeliveryId}: {Reason}; given up after the last retry")]
    public static partial void DeliveryFailed(ILogger logger, int hook, string url, string kind, Guid deliveryId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Webhook {Hook} ({Url}) queue is full: {Dropped} deliveries dropped so far")]
    public static partial void Dropped(ILogger logger, int hook, string url, long dropped);

    [LoggerMessage(4, LogLevel.Warning, "Webhook {Hook} ({Url}): {Pending} deliveries still queued when the drain time of {Seconds} s ran out")]
    public static partial void DrainTimedOut(ILogger logger, int hook, string url, int pending, double seconds);

    [LoggerMessage(5, LogLevel.Information, "Webhooks: {Count} hooks configured")]
    public static partial void Configured(ILogger logger, int count);
}
