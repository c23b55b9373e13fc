namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Where the quota usage of each user is kept, so that every session of a user, on every node, shares one count:
/// read before each upload, changed by deltas applied atomically (never read-modify-write). The default keeps it
/// in memory (one process); the Identity store keeps it on the account row.
/// </summary>
public interface IFtpQuotaStore
{
    /// <summary>The user's usage, or null when it was never counted (the engine then counts the home and calls <see cref="SetUsageAsync"/>).</summary>
    /// <param name="user">The logged-in user.</param>
    /// <param name="cancellationToken">Cancelled when the session ends.</param>
    ValueTask<FtpQuotaUsage?> GetUsageAsync(FtpUser user, CancellationToken cancellationToken);

    /// <summary>Adds a delta (negative to release) to the user's usage atomically.</summary>
    /// <param name="user">The logged-in user.</param>
    /// <param name="delta">Bytes and files to add.</param>
    /// <param name="cancellationToken">Cancelled when the session ends.</param>
    ValueTask AddUsageAsync(FtpUser user, FtpQuotaUsage delta, CancellationToken cancellationToken);

    /// <summary>Replaces the user's usage with a count taken from the storage.</summary>
    /// <param name="user">The user counted.</param>
    /// <param name="usage">What the count found.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SetUsageAsync(FtpUser user, FtpQuotaUsage usage, CancellationToken cancellationToken);
}
