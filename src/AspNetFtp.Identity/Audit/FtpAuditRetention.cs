using AspNetFtp.Identity.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Audit;

/// <summary>
/// Deletes audit rows older than <see cref="FtpAuditOptions.Retention"/>: once after start, then every
/// <see cref="FtpAuditOptions.CleanupInterval"/>, in statements of at most <see cref="FtpAuditOptions.CleanupBatchSize"/>
/// rows (ids read, then deleted by key). A failure (database unreachable, table missing) is logged and retried at the next interval.
/// </summary>
/// <typeparam name="TContext">The application's context, which applies <c>AddFtpAccounts</c> (or <c>AddFtpAuditLog</c>).</typeparam>
public sealed class FtpAuditRetention<TContext> : BackgroundService
    where TContext : DbContext
{
    /// <summary>Statements per cleanup at most; a larger backlog is left for the next interval.</summary>
    private const int MaxRoundsPerCleanup = 1000;

    private readonly IServiceScopeFactory _scopes;
    private readonly FtpAuditOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>The cleanup of <typeparamref name="TContext"/>'s audit table.</summary>
    /// <param name="scopes">Creates the scope of each cleanup.</param>
    /// <param name="options">Retention, interval and batch size.</param>
    /// <param name="logger">Logs what was deleted and a failed cleanup.</param>
    /// <param name="time">The clock: "now" for the cutoff, and the interval; the system clock when null.</param>
    public FtpAuditRetention(IServiceScopeFactory scopes, IOptions<FtpAuditOptions> options, ILogger<FtpAuditRetention<TContext>> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _options = options.Value;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Deletes the rows older than the retention now; returns how many. Nothing when the retention is zero.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        if (_options.Retention <= TimeSpan.Zero)
        {
            return 0;
        }

        DateTime cutoff = (_time.GetUtcNow() - _options.Retention).UtcDateTime;
        int batch = _options.CleanupBatchSize;
        int total = 0;
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
        DbSet<FtpAuditEntry> entries = db.Set<FtpAuditEntry>();
        for (int round = 0; round < MaxRoundsPerCleanup; round++)
        {
            // Ids only, then one DELETE by key per row, batched by SaveChanges: plain statements every provider runs
            // (MariaDB refuses the aliased DELETE that ExecuteDelete produces through MySql.EntityFrameworkCore).
            List<long> ids = await entries.Where(e => e.TimeUtc < cutoff).OrderBy(e => e.Id)
                .Select(e => e.Id).Take(batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            entries.RemoveRange(ids.Select(id => new FtpAuditEntry { Id = id }));
            total += await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (ids.Count < batch)
            {
                break;
            }
        }

        if (total > 0)
        {
            IdentityLog.AuditCleanedUp(_logger, total, cutoff);
        }

        return total;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeleteExpiredAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed cleanup is retried at the next interval; it must never stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                IdentityLog.AuditCleanupFailed(_logger, ex, _options.CleanupInterval);
            }

            try
            {
                await Task.Delay(_options.CleanupInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
