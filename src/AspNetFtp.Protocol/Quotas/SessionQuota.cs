using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Quotas;

/// <summary>
/// One session's view of its user's quota usage (committed in the shared <see cref="IFtpQuotaStore"/>, in flight in
/// this node's <see cref="QuotaLedger"/>): the check before an upload (552 before the data connection when nothing
/// more fits, else the upload's <see cref="QuotaReservation"/>) and the deltas after every act that changes the
/// files (upload, DELE, RNTO over a file). Made at login only when the usage is known: counted before, or counted
/// now because the user has a quota.
/// </summary>
internal sealed class SessionQuota
{
    private readonly FtpUser _user;
    private readonly QuotaLedger.Account _account;

    private SessionQuota(FtpUser user, QuotaLedger.Account account)
    {
        _user = user;
        _account = account;
    }

    public long? QuotaBytes => _user.Limits.QuotaBytes;

    public long? QuotaFiles => _user.Limits.QuotaFiles;

    /// <summary>The session's tracker, or null when the user has no quota and the usage was never counted.</summary>
    public static async Task<SessionQuota?> StartAsync(FtpUser user, IFtpFileSystem fileSystem, QuotaLedger ledger, CancellationToken cancellationToken)
    {
        bool limited = user.Limits.QuotaBytes is not null || user.Limits.QuotaFiles is not null;
        if (await ledger.Store.GetUsageAsync(user, cancellationToken) is null)
        {
            if (!limited)
            {
                return null;
            }

            await ledger.Store.SetUsageAsync(user, await FtpUsageCounter.CountAsync(fileSystem, cancellationToken), cancellationToken);
        }

        return new SessionQuota(user, ledger.For(user));
    }

    /// <summary>
    /// Before an upload to an entry of length <paramref name="oldLength"/> (null: a new file) that keeps
    /// <paramref name="kept"/> bytes of it (APPE: all, REST n: n, STOR: none): the refusal, or the upload's hold on
    /// the quota (null: the user has no quota), which the upload must end once whatever happens.
    /// </summary>
    public async ValueTask<(string? Refusal, QuotaReservation? Reservation)> CheckUploadAsync(long? oldLength, long kept, CancellationToken cancellationToken)
    {
        if (QuotaFiles is null && QuotaBytes is null)
        {
            return (null, null);
        }

        await _account.RefreshAsync(_user, cancellationToken);
        long credit = (oldLength ?? 0) - kept;
        bool newFile = oldLength is null;
        string? refusal = _account.TryBegin(QuotaBytes, QuotaFiles, newFile, credit);
        return refusal is null
            ? (null, new QuotaReservation(_user, _account, QuotaBytes, credit, heldFile: newFile && QuotaFiles is not null))
            : (refusal, null);
    }

    /// <summary>After an upload, complete or not: the entry as it is now against what it was, committed with the end of its reservation.</summary>
    public async ValueTask SettleAsync(IFtpFileSystem fileSystem, FtpPath path, long? oldLength, QuotaReservation? reservation, CancellationToken cancellationToken)
    {
        FtpFileInfo? now = await fileSystem.GetInfoAsync(path, cancellationToken);
        long? newLength = now is { IsDirectory: false } ? now.Length : null;
        var delta = new FtpQuotaUsage((newLength ?? 0) - (oldLength ?? 0), (newLength is null ? 0 : 1) - (oldLength is null ? 0 : 1));
        if (reservation is not null)
        {
            await reservation.EndAsync(delta, cancellationToken);
        }
        else if (delta != default)
        {
            await _account.CommitAsync(_user, delta, 0, 0, cancellationToken);
        }
    }

    /// <summary>A regular file of <paramref name="length"/> bytes is gone (DELE, or replaced by RNTO).</summary>
    public ValueTask ReleaseFileAsync(long length, CancellationToken cancellationToken) =>
        _account.CommitAsync(_user, new FtpQuotaUsage(-length, -1), 0, 0, cancellationToken);
}
