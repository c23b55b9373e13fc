using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// The limits of one group or one account as the admin's Limits page shows them. For an account a null value is the
/// group's (in <see cref="Group"/>), 0 "no limit"; for a group null is "no limit". Usage only for an account.
/// </summary>
/// <param name="Name">The group's name or the account's user name.</param>
/// <param name="QuotaBytes">Storage quota in bytes.</param>
/// <param name="QuotaFiles">Quota in files.</param>
/// <param name="UploadBytesPerSecond">Upload rate of one session.</param>
/// <param name="DownloadBytesPerSecond">Download rate of one session.</param>
/// <param name="MaxSessions">Sessions at once.</param>
/// <param name="UploadMode">Groups only; null: <c>FtpServer:UploadMode</c>.</param>
public sealed record FtpLimitsSummary(
    string Name,
    long? QuotaBytes,
    long? QuotaFiles,
    long? UploadBytesPerSecond,
    long? DownloadBytesPerSecond,
    int? MaxSessions,
    FtpUploadMode? UploadMode)
{
    /// <summary>An account's group's limits; null for a group.</summary>
    public FtpLimitsSummary? Group { get; init; }

    /// <summary>An account's quota usage; null for a group, or when never counted.</summary>
    public FtpQuotaUsage? Usage { get; init; }

    /// <summary>When the usage was last counted from the storage (UTC); null when never.</summary>
    public DateTime? UsageCountedUtc { get; init; }
}
