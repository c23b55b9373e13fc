namespace AspNetFtp.Webhooks;

/// <summary>
/// The <c>FtpServer:Webhooks</c> settings: the hooks, and how deliveries are queued and retried (the same for
/// every hook). Validated when the host starts; a bad value stops the start with its key named.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The section's name under <c>FtpServer</c>.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>The URLs events are POSTed to (<c>FtpServer:Webhooks:Hooks:0:Url</c>, ...); none: nothing is sent.</summary>
    public List<WebhookHookOptions> Hooks { get; set; } = [];

    /// <summary>
    /// Deliveries each hook's own queue holds (1 to 1,000,000; default 1000). Past it that hook misses new events,
    /// counted in <c>ftp.webhooks.dropped</c>; other hooks and the FTP sessions never wait.
    /// </summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// Retries after a failed attempt (0 to 10; default 3): on a network error, a timed-out attempt, 408, 429 and
    /// every 5xx. Other answers (3xx, 4xx) are final.
    /// </summary>
    public int Retries { get; set; } = 3;

    /// <summary>
    /// The first retry's delay (1 ms to 1 minute; default 2 s); each next one doubles it, with random jitter. A
    /// <c>Retry-After</c> header from the receiver is honoured within <see cref="TotalTimeout"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest one delivery may take, every attempt and delay included (10 ms to 1 hour; default 1 minute);
    /// past it the delivery has failed.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
