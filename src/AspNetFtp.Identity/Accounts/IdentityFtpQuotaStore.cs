using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// The quota usage on the FTP account row (<c>UsedBytes</c>, <c>UsedFiles</c>, <c>UsageCountedUtc</c>), so every
/// session on every node of one user shares it. A delta is one <c>UPDATE … SET UsedBytes = UsedBytes + @d</c>
/// (EF's <c>ExecuteUpdateAsync</c>): the database adds, so concurrent uploads never lose each other's change. A usage
/// never counted (<c>UsageCountedUtc</c> null) reads as unknown; the engine then counts the home, as
/// <c>recountftpusage</c> does. Each call runs in its own DI scope (a fresh, pooled DbContext).
/// </summary>
public sealed class IdentityFtpQuotaStore<TUser, TKey, TAccount, TContext> : IFtpQuotaStore
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>
    where TContext : DbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;

    /// <summary>A store that opens a DI scope per call for the app's DbContext.</summary>
    /// <param name="scopes">Creates the scope of each call.</param>
    /// <param name="time">The clock of <c>UsageCountedUtc</c>; the system clock when null.</param>
    public IdentityFtpQuotaStore(IServiceScopeFactory scopes, TimeProvider? time = null)
    {
        _scopes = scopes;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async ValueTask<FtpQuotaUsage?> GetUsageAsync(FtpUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
        var row = await AccountOf(db, Normalize(scope.ServiceProvider, user.Name))
            .Select(a => new { a.UsedBytes, a.UsedFiles, a.UsageCountedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return row is { UsageCountedUtc: not null } ? new FtpQuotaUsage(row.UsedBytes, row.UsedFiles) : null;
    }

    /// <inheritdoc/>
    public async ValueTask AddUsageAsync(FtpUser user, FtpQuotaUsage delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (await AccountIdAsync(db, Normalize(scope.ServiceProvider, user.Name), cancellationToken) is not int id)
        {
            return;
        }

        long bytes = delta.Bytes;
        long files = delta.Files;
        await db.Set<TAccount>()
            .Where(a => a.Id == id && a.UsageCountedUtc != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.UsedBytes, a => a.UsedBytes + bytes)
                .SetProperty(a => a.UsedFiles, a => a.UsedFiles + files), cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask SetUsageAsync(FtpUser user, FtpQuotaUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (await AccountIdAsync(db, Normalize(scope.ServiceProvider, user.Name), cancellationToken) is int id)
        {
            await SetAsync(db, id, usage, _time.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    /// <summary>Sets one account's usage and the time it was counted (the recount verb and the admin's button).</summary>
    internal static Task<int> SetAsync(TContext db, int accountId, FtpQuotaUsage usage, DateTime countedUtc, CancellationToken cancellationToken)
    {
        long bytes = usage.Bytes;
        long files = usage.Files;
        return db.Set<TAccount>()
            .Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.UsedBytes, bytes)
                .SetProperty(a => a.UsedFiles, files)
                .SetProperty(a => a.UsageCountedUtc, countedUtc), cancellationToken);
    }

    private static string Normalize(IServiceProvider services, string name) =>
        services.GetService<ILookupNormalizer>()?.NormalizeName(name) ?? name.ToUpperInvariant();

    private static IQueryable<TAccount> AccountOf(TContext db, string normalized) =>
        db.Set<TUser>().AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Join(db.Set<TAccount>().AsNoTracking(), u => u.Id, a => a.UserId, (u, a) => a);

    private static async Task<int?> AccountIdAsync(TContext db, string normalized, CancellationToken cancellationToken)
    {
        List<int> ids = await AccountOf(db, normalized).Select(a => a.Id).Take(1).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}
