using System.Globalization;
using AspNetFtp.Admin.Dashboard;
using AspNetFtp.Admin.Sessions;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Admin.AuditLog;

/// <summary>Turns audit log entries into <see cref="AuditRow"/>s, and knows the kinds the page offers.</summary>
internal static class AuditRows
{
    /// <summary>Every FTP event's kind (the engine's <see cref="FtpEvent"/> records), found once.</summary>
    private static readonly Lazy<IReadOnlyList<string>> EventKinds = new(() =>
        [.. typeof(FtpEvent).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(FtpEvent)) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)]);

    /// <summary>The FTP events' kinds, then every other kind stored (administrators' changes), and <paramref name="current"/>.</summary>
    public static IReadOnlyList<string> Kinds(IEnumerable<string> stored, string? current)
    {
        IEnumerable<string> others = stored.Append(current ?? "").Where(k => k.Length > 0 && !EventKinds.Value.Contains(k));
        return [.. EventKinds.Value, .. others.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public static AuditRow From(FtpAuditEntry entry) => new(
        entry.Id,
        DashboardText.Time(new DateTimeOffset(DateTime.SpecifyKind(entry.TimeUtc, DateTimeKind.Utc))),
        entry.Kind,
        entry.Succeeded,
        entry.UserName ?? "",
        entry.RemoteAddress ?? "",
        entry.TargetPath is { } target ? $"{entry.Path} → {target}" : entry.Path ?? "",
        entry.Bytes is { } bytes ? SessionRows.Size(bytes) : "",
        entry.Bytes is { } exact ? string.Create(CultureInfo.InvariantCulture, $"{exact:N0} bytes") : "",
        entry.DurationMs is { } ms ? Duration(ms) : "",
        entry.Actor ?? "",
        entry.Detail ?? "");

    /// <summary><c>350 ms</c>, <c>2.5 s</c>, <c>3 min 2 s</c>.</summary>
    private static string Duration(long milliseconds) =>
        milliseconds < 1000 ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds} ms")
        : milliseconds < 60_000 ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0} s")
        : SessionRows.Duration(TimeSpan.FromMilliseconds(milliseconds));
}
