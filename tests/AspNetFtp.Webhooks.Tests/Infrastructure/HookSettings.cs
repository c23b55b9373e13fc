using System.Security.Cryptography;
using System.Text;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>Configuration keys of hooks, as an appsettings file or environment variables would give them.</summary>
internal static class HookSettings
{
    /// <summary>Delivery settings for tests: fast retries, a bounded total.</summary>
    public static Dictionary<string, string?> FastRetries(int retries = 3) => new()
    {
        ["FtpServer:Webhooks:Retries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FtpServer:Webhooks:RetryDelay"] = "00:00:00.010",
        ["FtpServer:Webhooks:TotalTimeout"] = "00:00:30",
    };

    /// <summary>Adds hook <paramref name="index"/>: the listener's URL, <paramref name="secret"/> and the event filter.</summary>
    public static Dictionary<string, string?> WithHook(this Dictionary<string, string?> settings, int index, HookListener listener, string secret, params string[] events)
    {
        string prefix = $"FtpServer:Webhooks:Hooks:{index}:";
        settings[prefix + "Url"] = listener.Url;
        settings[prefix + "Secret"] = secret;
        for (int i = 0; i < events.Length; i++)
        {
            settings[$"{prefix}Events:{i}"] = events[i];
        }

        return settings;
    }

    /// <summary>The signature a receiver computes on its own: <c>sha256=</c> and the hex HMAC-SHA256 of the body.</summary>
    public static string Sign(string secret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(body)).ToLowerInvariant();
    }
}
