using System.Collections.Concurrent;
using System.Globalization;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Quotas;

/// <summary>
/// This server process's side of every user's quota: the committed usage as the <see cref="IFtpQuotaStore"/> last
/// gave it (plus this process's own deltas since), and the bytes and files of the uploads still running here. Every
/// session of a user on this node shares one <see cref="Account"/>, so the check of an upload's next bytes and their
/// reservation are one step under one lock: the uploads of one user running here together never pass the quota.
/// Uploads running on another node are not seen here (their bytes reach the store only when they end), so with a
/// shared store each node can admit up to the remaining allowance at once.
/// </summary>
internal sealed class QuotaLedger(IFtpQuotaStore store)
{
    // One entry per user name that logged in with a tracked quota since start, as the in-memory store keeps.
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    public IFtpQuotaStore Store { get; } = store;

    /// <summary>The shared account of <paramref name="user"/> on this node.</summary>
    public Account For(FtpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _accounts.GetOrAdd(user.Name, static (_, s) => new Account(s), Store);
    }

    /// <summary>One user's committed usage and in-flight reservations on this node.</summary>
    internal sealed class Account(IFtpQuotaStore store)
    {
        private readonly Lock _lock = new();

        // Orders this node's reads and deltas of the store for this user, so the committed copy follows the store.
        private readonly SemaphoreSlim _storeOrder = new(1, 1);
        private FtpQuotaUsage _committed;
        private long _reservedBytes;
        private long _reservedFiles;

        /// <summary>The committed usage and the reservations, read together.</summary>
        public (FtpQuotaUsage Committed, long ReservedBytes, long ReservedFiles) Read()
        {
            lock (_lock)
            {
                return (_committed, _reservedBytes, _reservedFiles);
            }
        }

        /// <summary>Reads the committed usage from the store again (another node's changes); false when never counted.</summary>
        public async ValueTask<bool> RefreshAsync(FtpUser user, CancellationToken cancellationToken)
        {
            await _storeOrder.WaitAsync(cancellationToken);
            try
            {
                FtpQuotaUsage? usage = await store.GetUsageAsync(user, cancellationToken);
                lock (_lock)
                {
                    _committed = usage ?? default;
                }

                return usage is not null;
            }
            finally
            {
                _storeOrder.Release();
            }
        }

        /// <summary>
        /// Reserves what an upload starts with: one file when it makes a new one (refused at <paramref name="quotaFiles"/>),
        /// and checks that at least one byte fits once <paramref name="credit"/> bytes of the replaced file are freed.
        /// </summary>
        /// <returns>The reason of the refusal (552), or null when the upload may start.</returns>
        public string? TryBegin(long? quotaBytes, long? quotaFiles, bool newFile, long credit)
        {
            lock (_lock)
            {
                if (quotaFiles is long files && newFile && _committed.Files + _reservedFiles >= files)
                {
                    return Refusal(_committed.Files, _reservedFiles, files, "files");
                }

                if (quotaBytes is long bytes && bytes - _committed.Bytes - _reservedBytes + credit <= 0)
                {
                    return Refusal(_committed.Bytes, _reservedBytes, bytes, "bytes");
                }

                if (newFile)
                {
                    _reservedFiles++;
                }

                return null;
            }
        }

        private static string Refusal(long used, long inFlight, long limit, string unit) => inFlight == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Quota exceeded: {used} of {limit} {unit} used.")
            : string.Create(CultureInfo.InvariantCulture, $"Quota exceeded: {used} of {limit} {unit} used, {inFlight} more in uploads in progress.");

        /// <summary>Reserves <paramref name="more"/> bytes of in-flight upload if they fit under <paramref name="quotaBytes"/> with everything else.</summary>
        public bool TryReserve(long more, long quotaBytes)
        {
            lock (_lock)
            {
                if (_committed.Bytes + _reservedBytes + more > quotaBytes)
                {
                    return false;
                }

                _reservedBytes += more;
                return true;
            }
        }

        /// <summary>
        /// Adds <paramref name="delta"/> to the store, then to the committed copy and gives back the reservations in
        /// the same step (no check sees the bytes in both places, nor in neither). The reservations are given back
        /// even when the store fails.
        /// </summary>
        public async ValueTask CommitAsync(FtpUser user, FtpQuotaUsage delta, long releasedBytes, long releasedFiles, CancellationToken cancellationToken)
        {
            bool released = false;
            try
            {
                if (delta != default)
                {
                    await _storeOrder.WaitAsync(cancellationToken);
                    try
                    {
                        await store.AddUsageAsync(user, delta, cancellationToken);
                        lock (_lock)
                        {
                            _committed = new FtpQuotaUsage(Math.Max(0, _committed.Bytes + delta.Bytes), Math.Max(0, _committed.Files + delta.Files));
                            _reservedBytes -= releasedBytes;
                            _reservedFiles -= releasedFiles;
                            released = true;
                        }
                    }
                    finally
                    {
                        _storeOrder.Release();
                    }
                }
            }
            finally
            {
                if (!released)
                {
                    lock (_lock)
                    {
                        _reservedBytes -= releasedBytes;
                        _reservedFiles -= releasedFiles;
                    }
                }
            }
        }
    }
}
