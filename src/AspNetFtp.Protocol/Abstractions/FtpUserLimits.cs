namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Per-user limits taken with the login snapshot; null means "no limit of its own" (the server's settings
/// apply). Carried from the account store to the session; enforcement comes with the hardening work.
/// </summary>
/// <param name="MaxSessions">Sessions this user may hold at once.</param>
/// <param name="UploadBytesPerSecond">Upload bandwidth of one session.</param>
/// <param name="DownloadBytesPerSecond">Download bandwidth of one session.</param>
/// <param name="QuotaBytes">Storage the user may fill.</param>
public sealed record FtpUserLimits(
    int? MaxSessions = null,
    long? UploadBytesPerSecond = null,
    long? DownloadBytesPerSecond = null,
    long? QuotaBytes = null)
{
    /// <summary>No limits of the user's own.</summary>
    public static FtpUserLimits None { get; } = new();
}
