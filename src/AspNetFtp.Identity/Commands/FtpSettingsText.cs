using System.Globalization;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// The settings line under each row of <c>listftpusergroup</c> and <c>listftpuseraccount</c>: TLS, upload mode, quotas,
/// rates, sessions, addresses, (accounts) expiry and the storage profile (<c>default</c>: the local disk; an account's
/// <c>group's</c>: its group's), separated by <c>;</c> (an address list has commas), sizes in binary units. An account's unset limit reads
/// <c>group's</c>, its 0 <c>none</c> (it lifts the group's).
/// </summary>
internal static class FtpSettingsText
{
    private const string Indent = "    ";

    public static string Group(FtpUserGroup g) =>
        $"{Indent}TLS {(g.RequireTls ? "required" : "as the server")}; upload mode {UploadMode(g.UploadMode)}; "
        + Limits(g.QuotaBytes, g.QuotaFiles, g.UploadBytesPerSecond, g.DownloadBytesPerSecond, g.MaxSessions, account: false)
        + $"; allowed {g.AllowedAddresses ?? "any"}; denied {g.DeniedAddresses ?? "none"}; storage {g.StorageProfile ?? FtpStorageChoice.Default}";

    public static string Account<TKey>(FtpUserAccount<TKey> a)
        where TKey : IEquatable<TKey> =>
        Indent + Limits(a.QuotaBytes, a.QuotaFiles, a.UploadBytesPerSecond, a.DownloadBytesPerSecond, a.MaxSessions, account: true)
        + $"; allowed {a.AllowedAddresses ?? "any"}; denied {a.DeniedAddresses ?? "none"}; expires "
        + (a.ExpiresUtc is { } expires ? expires.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "never")
        + $"; storage {a.StorageProfile ?? "group's"}";

    private static string Limits(long? quotaBytes, long? quotaFiles, long? up, long? down, int? sessions, bool account) =>
        $"quota {Value(quotaBytes, account, FtpLimitText.Format)}; files {Value(quotaFiles, account, Count)}; "
        + $"upload {Value(up, account, Rate)}; download {Value(down, account, Rate)}; sessions {Value(sessions, account, Count)}";

    private static string Value(long? value, bool account, Func<long, string> format) => value switch
    {
        null => account ? "group's" : FtpLimitText.None,
        0 => FtpLimitText.None,
        { } v => format(v),
    };

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(long bytesPerSecond) => FtpLimitText.Format(bytesPerSecond) + "/s";

    private static string UploadMode(FtpUploadMode? mode) => mode switch
    {
        null => "default",
        FtpUploadMode.Standard => "standard",
        FtpUploadMode.Atomic => "atomic",
        FtpUploadMode.AtomicResume => "atomic-resume",
        _ => mode.Value.ToString(),
    };
}
