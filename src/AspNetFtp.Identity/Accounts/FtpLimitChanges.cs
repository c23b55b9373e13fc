using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// What <c>setftplimits</c> or the admin's Limits form changes on a group or an account. A property left null is
/// not changed; one set carries the new value, itself null for "no limit" (a group) or "the group's" (an account).
/// </summary>
public sealed record FtpLimitChanges
{
    /// <summary>Storage the user may fill, in bytes.</summary>
    public FtpSetting<long?>? QuotaBytes { get; init; }

    /// <summary>Files the user may keep.</summary>
    public FtpSetting<long?>? QuotaFiles { get; init; }

    /// <summary>Upload bandwidth of one session, bytes per second.</summary>
    public FtpSetting<long?>? UploadBytesPerSecond { get; init; }

    /// <summary>Download bandwidth of one session, bytes per second.</summary>
    public FtpSetting<long?>? DownloadBytesPerSecond { get; init; }

    /// <summary>Sessions the user may hold at once.</summary>
    public FtpSetting<int?>? MaxSessions { get; init; }

    /// <summary>How uploads are written (groups only); null value: <c>FtpServer:UploadMode</c>.</summary>
    public FtpSetting<FtpUploadMode?>? UploadMode { get; init; }

    /// <summary>True when nothing is to change.</summary>
    public bool IsEmpty => QuotaBytes is null && QuotaFiles is null && UploadBytesPerSecond is null
        && DownloadBytesPerSecond is null && MaxSessions is null && UploadMode is null;
}
