using Microsoft.Extensions.Options;

namespace AspNetFtp.Webhooks;

/// <summary>
/// Checks the webhook settings at start (ValidateOnStart), naming in each failure the full key as written
/// (<c>FtpServer:Webhooks:Hooks:0:Url</c>). A secret's value never appears in a message.
/// </summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>The prefix of every key named in a failure.</summary>
    public const string Prefix = "FtpServer:" + WebhookOptions.SectionName + ":";

    /// <summary>The shortest secret accepted, in characters.</summary>
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string key, string problem)
        {
            if (!ok)
            {
                failures.Add($"{Prefix}{key}: {problem}");
            }
        }

        Check(options.QueueCapacity is >= 1 and <= 1_000_000, nameof(options.QueueCapacity), $"{options.QueueCapacity} is outside 1-1000000");
        Check(options.Retries is >= 0 and <= 10, nameof(options.Retries), $"{options.Retries} is outside 0-10");
        Check(options.RetryDelay >= TimeSpan.FromMilliseconds(1) && options.RetryDelay <= TimeSpan.FromMinutes(1),
            nameof(options.RetryDelay), $"{options.RetryDelay} is outside 00:00:00.001-00:01:00 (a time span, hh:mm:ss)");
        Check(options.TotalTimeout >= TimeSpan.FromMilliseconds(10) && options.TotalTimeout <= TimeSpan.FromHours(1),
            nameof(options.TotalTimeout), $"{options.TotalTimeout} is outside 00:00:00.010-01:00:00 (a time span, hh:mm:ss)");

        for (int i = 0; i < options.Hooks.Count; i++)
        {
            WebhookHookOptions hook = options.Hooks[i];
            string key = $"Hooks:{i}:";
            Check(hook.Url is not null && IsHookUrl(hook.Url, out _), key + nameof(hook.Url),
                hook.Url is null ? "missing" : "not an absolute http or https URL without user information");
            Check(hook.Secret is { Length: >= MinimumSecretLength } && !string.IsNullOrWhiteSpace(hook.Secret), key + nameof(hook.Secret),
                hook.Secret is null ? "missing" : $"shorter than {MinimumSecretLength} characters");
            Check(hook.Timeout >= TimeSpan.FromMilliseconds(10) && hook.Timeout <= TimeSpan.FromMinutes(5), key + nameof(hook.Timeout),
                $"{hook.Timeout} is outside 00:00:00.010-00:05:00 (a time span, hh:mm:ss)");
            for (int e = 0; e < hook.Events.Count; e++)
            {
                Check(FtpEventKinds.TryNormalize(hook.Events[e], out _), $"{key}{nameof(hook.Events)}:{e}",
                    $"'{hook.Events[e]}' is not an event kind ({string.Join(", ", FtpEventKinds.All)})");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An absolute http or https URL with a host and no user information.</summary>
    public static bool IsHookUrl(string url, out Uri uri)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(parsed.Host)
            && string.IsNullOrEmpty(parsed.UserInfo))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }
}
