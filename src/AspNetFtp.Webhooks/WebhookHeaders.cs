namespace AspNetFtp.Webhooks;

/// <summary>The headers of every delivery, for receivers.</summary>
public static class WebhookHeaders
{
    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of the raw body bytes, keyed with the hook's secret (UTF-8).</summary>
    public const string Signature = "X-AspNetFtp-Signature";

    /// <summary>The event kind, as in the body's <c>kind</c> (<c>FileReceived</c>, ...).</summary>
    public const string Event = "X-AspNetFtp-Event";

    /// <summary>A new id per event and hook, the same on every retry of it: a receiver that saw it already can ignore it.</summary>
    public const string Delivery = "X-AspNetFtp-Delivery";

    /// <summary>The <c>User-Agent</c> of every delivery.</summary>
    public const string UserAgent = "AspNetFtp-Webhooks";
}
