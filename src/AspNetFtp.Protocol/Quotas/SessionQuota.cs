using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Quotas;

/// <summary>
/// One session's view of its user's quota usage (kept in the shared <see cref="IFtpQuotaStore"/>): the check before
/// an upload (552 before the data connection when nothing more fits, else how many bytes may arrive) and the
/// deltas after every act that changes the files (upload, DELE, RNTO over a file). Made at login only when the
/// usage is known: counted before, or counted now because the user has a quota.
/// </summary>
internal sealed class SessionQuota
{
    private readonly FtpUser _user;
    private readonly IFtpQuotaStore _store;

    private SessionQuota(FtpUser user, IFtpQuotaStore store)
    {
        _user = user;
        _store = store;
    }

    public long? QuotaBytes => _user.Limits.QuotaBytes;

    public long? QuotaFiles => _user.Limits.QuotaFiles;

    /// <summary>The session's tracker, or null when the user has no quota and the usage was never counted.</summary>
    public static async Task<SessionQuota?> StartAsync(FtpUser user, IFtpFileSystem fileSystem, IFtpQuotaStore store, CancellationToken cancellationToken)
    {
        bool limited = user.Limits.QuotaBytes is not null || user.Limits.QuotaFiles is not null;
        if (await store.GetUsageAsync(user, cancellationToken) is null)
        {
            if (!limited)
            {
                return null;
            }

            await store.SetUsageAsync(user, await FtpUsageCounter.CountAsync(fileSystem, cancellationToken), cancellationToken);
        }

        return new SessionQuota(user, store);
    }

    /// <summary>
    /// Before an upload to an entry of length <paramref name="oldLength"/> (null: a new file) that keeps
    /// <paramref name="kept"/> bytes of it (APPE: all, REST n: n, STOR: none): the refusal, or the bytes that may arrive (null: no byte limit).
    /// </summary>
    public async ValueTask<(string? Refusal, long? Allowance)> CheckUploadAsync(long? oldLength, long kept, CancellationToken cancellationToken)
    {
        if (QuotaFiles is null && QuotaBytes is null)
        {
            return (null, null);
        }

        FtpQuotaUsage usage = await _store.GetUsageAsync(_user, cancellationToken) ?? default;
        if (QuotaFiles is long files && oldLength is null && usage.Files >= files)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"Quota exceeded: {usage.Files} of {files} files used."), null);
        }

        if (QuotaBytes is not long bytes)
        {
            return (null, null);
        }

        long allowance = bytes - usage.Bytes + (oldLength ?? 0) - kept;
        return allowance > 0
            ? (null, allowance)
            : (string.Create(CultureInfo.InvariantCulture, $"Quota exceeded: {usage.Bytes} of {bytes} bytes used."), null);
    }

    /// <summary>After an upload, complete or not: the entry as it is now against what it was.</summary>
    public async ValueTask SettleAsync(IFtpFileSystem fileSystem, FtpPath path, long? oldLength, CancellationToken cancellationToken)
    {
        FtpFileInfo? now = await fileSystem.GetInfoAsync(path, cancellationToken);
        long? newLength = now is { IsDirectory: false } ? now.Length : null;
        await AddAsync(new FtpQuotaUsage((newLength ?? 0) - (oldLength ?? 0), (newLength is null ? 0 : 1) - (oldLength is null ? 0 : 1)), cancellationToken);
    }

    /// <summary>A regular file of <paramref name="length"/> bytes is gone (DELE, or replaced by RNTO).</summary>
    public ValueTask ReleaseFileAsync(long length, CancellationToken cancellationToken) =>
        AddAsync(new FtpQuotaUsage(-length, -1), cancellationToken);

    private ValueTask AddAsync(FtpQuotaUsage delta, CancellationToken cancellationToken) =>
        delta == default ? ValueTask.CompletedTask : _store.AddUsageAsync(_user, delta, cancellationToken);
}
