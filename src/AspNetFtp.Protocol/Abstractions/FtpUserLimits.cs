namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Per-user limits taken with the login snapshot; null means "no limit of its own" (the server's settings
/// apply). Carried from the account store to the session.
/// </summary>
/// <param name="MaxSessions">Sessions this user may hold at once.</param>
/// <param name="UploadBytesPerSecond">Upload bandwidth of one session.</param>
/// <param name="DownloadBytesPerSecond">Download bandwidth of one session.</param>
/// <param name="QuotaBytes">Storage the user may fill, in bytes.</param>
/// <param name="QuotaFiles">How many files the user may keep.</param>
public sealed record FtpUserLimits(
    int? MaxSessions = null,
    long? UploadBytesPerSecond = null,
    long? DownloadBytesPerSecond = null,
    long? QuotaBytes = null,
    long? QuotaFiles = null)
{
    /// <summary>No limits of the user's own.</summary>
    public static FtpUserLimits None { get; } = new();
}
