using System.Globalization;
using AspNetFtp.Identity.Nodes;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Admin.Sessions;

/// <summary>
/// Turns every node's sessions (<see cref="IFtpClusterSessions"/>: this node's live, the others' as of their last
/// heartbeat) into <see cref="SessionRow"/>s: oldest connection first.
/// </summary>
internal static class SessionRows
{
    public static IReadOnlyList<SessionRow> From(IReadOnlyList<FtpClusterSession> sessions, DateTimeOffset now) =>
        [.. sessions.OrderBy(s => s.ConnectedUtc).ThenBy(s => s.Node, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => From(s, now))];

    /// <summary>This node's sessions only, straight from its registry (the dashboard).</summary>
    public static IReadOnlyList<SessionRow> From(IReadOnlyList<FtpSessionInfo> sessions, string node, DateTimeOffset now) =>
        From([.. sessions.Select(s => FtpClusterSessions<DbContext>.Local(node, s))], now);

    public static SessionRow From(FtpClusterSession session, DateTimeOffset now) => new(
        session.Id,
        session.Node,
        session.UserName ?? "(not logged in)",
        session.Proxy is { } proxy ? $"{session.Remote} via {proxy}" : session.Remote,
        session.IsTls ? "yes" : "no",
        $"{Clock(session.ConnectedUtc)} ({Duration(now - session.ConnectedUtc)})",
        session.LastCommand is { } verb && session.LastCommandUtc is { } at ? $"{verb} at {Clock(at)}" : "none yet",
        session.TransferVerb is { } transferVerb ? Transfer(session, transferVerb) : null);

    private static TransferRow Transfer(FtpClusterSession session, string verb) => new(
        verb,
        session.TransferDirection switch
        {
            "Download" => "download",
            "Upload" => "upload",
            _ => "listing",
        },
        session.TransferPath ?? "",
        Size(session.TransferBytes ?? 0),
        // The rate is known where the transfer runs; another node's row has the bytes of its last heartbeat.
        session.TransferBytesPerSecond is { } rate ? Size((long)rate) + "/s" : "");

    /// <summary>UTC time of day, <c>14:02:11 UTC</c>.</summary>
    internal static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary><c>42 s</c>, <c>3 min 2 s</c>, <c>5 h 1 min</c>, <c>2 d 3 h</c>.</summary>
    internal static string Duration(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        return elapsed.TotalMinutes < 1 ? $"{elapsed.Seconds} s"
            : elapsed.TotalHours < 1 ? $"{elapsed.Minutes} min {elapsed.Seconds} s"
            : elapsed.TotalDays < 1 ? $"{elapsed.Hours} h {elapsed.Minutes} min"
            : $"{(int)elapsed.TotalDays} d {elapsed.Hours} h";
    }

    /// <summary>Bytes in binary units: <c>512 B</c>, <c>1.5 KiB</c>, <c>12.0 MiB</c>.</summary>
    internal static string Size(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = Math.Max(0, bytes);
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)value} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:F1} {units[unit]}");
    }
}
