using System.Globalization;
using AspNetFtp.Admin.Sessions;

namespace AspNetFtp.Admin.Dashboard;

/// <summary>How the dashboard writes its figures.</summary>
internal static class DashboardText
{
    /// <summary><c>512 bytes</c>, or <c>120.6 KiB (123,456 bytes)</c>: the binary unit and the exact count.</summary>
    public static string Bytes(long bytes) => bytes < 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes} {(bytes == 1 ? "byte" : "bytes")}")
        : string.Create(CultureInfo.InvariantCulture, $"{SessionRows.Size(bytes)} ({bytes:N0} bytes)");

    /// <summary>A count with its noun: <c>1 login</c>, <c>3 logins</c>.</summary>
    public static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");

    /// <summary><c>2026-11-30 14:02:11</c>, UTC (the column says so).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
