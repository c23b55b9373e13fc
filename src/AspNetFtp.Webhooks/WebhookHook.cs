namespace AspNetFtp.Webhooks;

/// <summary>One validated hook as the sink uses it: its index, URL, secret, filter and attempt timeout.</summary>
internal sealed class WebhookHook
{
    private readonly HashSet<string>? _kinds;

    public WebhookHook(int index, WebhookHookOptions options)
    {
        if (options.Url is null || !WebhookOptionsValidator.IsHookUrl(options.Url, out Uri uri) || options.Secret is null)
        {
            throw new ArgumentException($"{WebhookOptionsValidator.Prefix}Hooks:{index} is not valid", nameof(options));
        }

        Index = index;
        Uri = uri;
        Secret = options.Secret;
        Timeout = options.Timeout;
        DisplayUrl = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        if (options.Events.Count > 0)
        {
            _kinds = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in options.Events)
            {
                if (FtpEventKinds.TryNormalize(name, out string kind))
                {
                    _kinds.Add(kind);
                }
            }
        }
    }

    /// <summary>The hook's index in <c>FtpServer:Webhooks:Hooks</c>: its name in logs and the <c>hook</c> tag.</summary>
    public int Index { get; }

    public Uri Uri { get; }

    /// <summary>The URL as logs show it: scheme, host, port and path; never the query or user information.</summary>
    public string DisplayUrl { get; }

    public string Secret { get; }

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True when this hook wants events of <paramref name="kind"/> (every kind when it names none).</summary>
    public bool Wants(string kind) => _kinds is null || _kinds.Contains(kind);
}
