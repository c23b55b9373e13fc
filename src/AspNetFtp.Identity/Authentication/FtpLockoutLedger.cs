using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AspNetFtp.Identity.Authentication;

/// <summary>
/// Identity's failed-login count kept exact under concurrent logins. An attempt is counted before its password is
/// checked, by an atomic increment in a short transaction that also reads the result back (the row stays locked
/// until commit, so the number read is this attempt's own): the first <c>MaxFailedAccessAttempts</c> attempts may
/// check a password, any later one locks the account and is refused unchecked, and a success resets the count.
/// This is Identity's rule (<c>AccessFailedAsync</c>: lock and reset at the limit) made safe for parallel attempts,
/// which Identity's own read-modify-write with an ignored concurrency failure is not. Every write also renews the
/// concurrency stamp, so a web request holding an older copy of the user gets a concurrency failure instead of
/// writing an old count back; the security stamp is left alone, as Identity leaves it.
/// </summary>
internal static class FtpLockoutLedger<TUser, TKey>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>Identity's own test: lockout enabled and an end not yet passed.</summary>
    public static bool IsLocked(TUser user, DateTimeOffset now) =>
        user.LockoutEnabled && user.LockoutEnd is { } end && end >= now;

    /// <summary>Counts the attempt as a failure before its password is checked; <paramref name="user"/> is reloaded.</summary>
    public static Task<FtpLockoutReservation> ReserveAsync(DbContext db, TUser user, LockoutOptions lockout, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            TKey id = user.Id;
            string stamp = NewStamp();
            int rows = await db.Set<TUser>().Where(u => u.Id.Equals(id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)
                    .SetProperty(u => u.ConcurrencyStamp, stamp), cancellationToken);
            if (rows == 0)
            {
                return FtpLockoutReservation.Gone;
            }

            await db.Entry(user).ReloadAsync(cancellationToken);
            if (IsLocked(user, now))
            {
                // Locked since the caller looked: roll the count back, as a locked account counts nothing.
                await transaction.RollbackAsync(cancellationToken);
                return FtpLockoutReservation.Locked;
            }

            if (user.LockoutEnabled && user.AccessFailedCount > lockout.MaxFailedAccessAttempts)
            {
                // The limit's worth of attempts are already counted: lock now rather than check one more password.
                await LockCoreAsync(db, id, lockout, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return FtpLockoutReservation.Locked;
            }

            await transaction.CommitAsync(cancellationToken);
            return FtpLockoutReservation.Granted;
        });

    /// <summary>A granted attempt failed: at the limit, lock the account and reset the count, as Identity does.</summary>
    public static async Task<bool> FailedAsync(DbContext db, TUser user, LockoutOptions lockout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (user.AccessFailedCount < lockout.MaxFailedAccessAttempts)
        {
            return false;
        }

        await LockCoreAsync(db, user.Id, lockout, now, cancellationToken);
        return true;
    }

    /// <summary>A granted attempt succeeded: reset the count, unless the account was locked meanwhile (then false).</summary>
    public static Task<bool> SucceededAsync(DbContext db, TUser user, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            TKey id = user.Id;
            string stamp = NewStamp();
            int rows = await db.Set<TUser>().Where(u => u.Id.Equals(id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.AccessFailedCount, 0)
                    .SetProperty(u => u.ConcurrencyStamp, stamp), cancellationToken);
            if (rows == 0)
            {
                return false;
            }

            await db.Entry(user).ReloadAsync(cancellationToken);
            if (IsLocked(user, now))
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    private static Task<int> LockCoreAsync(DbContext db, TKey id, LockoutOptions lockout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset? end = now.Add(lockout.DefaultLockoutTimeSpan);
        string stamp = NewStamp();
        return db.Set<TUser>().Where(u => u.Id.Equals(id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnd, end)
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.ConcurrencyStamp, stamp), cancellationToken);
    }

    private static string NewStamp() => Guid.NewGuid().ToString();
}
