using System.Globalization;

namespace AspNetFtp.Admin.FtpAccounts;

/// <summary>Times on the groups and accounts pages: UTC, to the minute, the same everywhere.</summary>
internal static class AdminTime
{
    public static string Show(DateTime? utc, string none = "never") =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : none;
}
