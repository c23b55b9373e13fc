using System.Globalization;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Admin.Sessions;

/// <summary>Turns the registry's snapshots into <see cref="SessionRow"/>s: oldest connection first.</summary>
internal static class SessionRows
{
    public static IReadOnlyList<SessionRow> From(IReadOnlyList<FtpSessionInfo> sessions, DateTimeOffset now) =>
        [.. sessions.OrderBy(s => s.ConnectedAt).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => From(s, now))];

    public static SessionRow From(FtpSessionInfo session, DateTimeOffset now) => new(
        session.Id,
        session.UserName ?? "(not logged in)",
        session.RemoteEndPoint.ToString(),
        session.IsTls ? "yes" : "no",
        $"{Clock(session.ConnectedAt)} ({Duration(now - session.ConnectedAt)})",
        session.LastCommand is { } verb && session.LastCommandAt is { } at ? $"{verb} at {Clock(at)}" : "none yet",
        session.Transfer is { } transfer ? From(transfer) : null);

    private static TransferRow From(FtpTransferInfo transfer) => new(
        transfer.Verb,
        transfer.Direction switch
        {
            TransferDirection.Download => "download",
            TransferDirection.Upload => "upload",
            _ => "listing",
        },
        transfer.Path ?? "",
        Size(transfer.Bytes),
        Size((long)transfer.BytesPerSecond) + "/s");

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
