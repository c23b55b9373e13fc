using System.Globalization;
using System.Net;

namespace AspNetFtp.Admin.AuditLog;

/// <summary>Reads the Audit page's filters as typed in its form or a link: times as UTC, addresses as IP addresses.</summary>
internal static class AuditFilterText
{
    public const string TimeExample = "2026-11-30 14:00";

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>
    /// <c>2026-11-30 14:00</c>, with seconds, with a <c>T</c> (as a <c>datetime-local</c> field sends it), or a date
    /// alone (midnight), read as UTC; a trailing <c>Z</c> is allowed. Nothing else (no offsets, no local time).
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        string trimmed = text.Trim();
        if (trimmed.EndsWith('Z'))
        {
            trimmed = trimmed[..^1];
        }

        if (DateTime.TryParseExact(trimmed, TimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime utc))
        {
            time = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>An IPv4 or IPv6 address in the form the audit log stores it (<see cref="IPAddress.ToString"/>).</summary>
    public static bool TryParseAddress(string text, out string address)
    {
        if (IPAddress.TryParse(text.Trim(), out IPAddress? parsed))
        {
            address = parsed.ToString();
            return true;
        }

        address = "";
        return false;
    }
}
