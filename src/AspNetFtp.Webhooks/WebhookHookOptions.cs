namespace AspNetFtp.Webhooks;

/// <summary>One hook: where events are POSTed, the secret that signs them, and which events it wants.</summary>
public sealed class WebhookHookOptions
{
    /// <summary>
    /// The absolute <c>http</c> or <c>https</c> URL each event is POSTed to. Administrator configuration, never
    /// client input; no user name or password in it (put a token in the query string if the receiver wants one:
    /// logs show the URL without its query).
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// The key of the HMAC-SHA256 signature in <c>X-AspNetFtp-Signature</c> (at least 16 characters, used as UTF-8
    /// bytes). Never logged; keep it out of appsettings.json checked into source control (use an environment
    /// variable: <c>FtpServer__Webhooks__Hooks__0__Secret</c>).
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The event kinds this hook receives (the event record's type name: <c>FileReceived</c>, <c>LoginSucceeded</c>, ...,
    /// case-insensitive); empty: every event.
    /// </summary>
    public List<string> Events { get; set; } = [];

    /// <summary>How long one attempt may take until the response headers arrive (10 ms to 5 minutes; default 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
