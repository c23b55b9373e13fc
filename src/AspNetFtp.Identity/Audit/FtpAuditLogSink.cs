using AspNetFtp.Identity.Logging;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Audit;

/// <summary>
/// The audit log's event sink: collects events into batches of <see cref="FtpAuditOptions.BatchSize"/> and writes each
/// batch with one <c>SaveChanges</c> in a DI scope of its own, at the latest <see cref="FtpAuditOptions.FlushInterval"/>
/// after the batch's first event, and at once on <see cref="ServerStopped"/>. Like every sink it runs on its own queue,
/// so a slow or unreachable database never stalls a session: a batch that cannot be written is dropped and counted
/// (<see cref="Dropped"/>), the first failure of an outage is logged and the next success says how many were lost.
/// </summary>
/// <typeparam name="TContext">The application's context, which applies <c>AddFtpAccounts</c> (or <c>AddFtpAuditLog</c>).</typeparam>
public sealed class FtpAuditLogSink<TContext> : IFtpEventSink, IAsyncDisposable
    where TContext : DbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly FtpAuditOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ITimer _timer;
    private List<FtpAuditEntry> _pending = [];
    private bool _failing;
    private long _droppedInOutage;
    private long _dropped;
    private long _written;

    /// <summary>A sink writing through <typeparamref name="TContext"/> resolved from a new scope per batch.</summary>
    /// <param name="scopes">Creates the scope of each batch.</param>
    /// <param name="options">Batch size, flush interval, and whether the log is enabled at all.</param>
    /// <param name="logger">Logs the first failed write of an outage and the recovery.</param>
    /// <param name="time">The clock of the flush interval; the system clock when null.</param>
    public FtpAuditLogSink(IServiceScopeFactory scopes, IOptions<FtpAuditOptions> options, ILogger<FtpAuditLogSink<TContext>> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _options = options.Value;
        _logger = logger;
        _timer = (time ?? TimeProvider.System).CreateTimer(
            static state => ((FtpAuditLogSink<TContext>)state!).OnFlushTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Events written to the table.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Events lost because their batch could not be written (the engine counts those its queue dropped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc/>
    public async ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ftpEvent);
        if (!_options.Enabled)
        {
            return;
        }

        FtpAuditEntry entry = FtpAuditEntryMapper.FromEvent(ftpEvent);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _pending.Add(entry);
            if (_pending.Count >= _options.BatchSize || ftpEvent is ServerStopped)
            {
                await WriteLockedAsync(cancellationToken);
            }
            else if (_pending.Count == 1)
            {
                _timer.Change(_options.FlushInterval, Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the partial batch now (the flush timer and <see cref="ServerStopped"/> do this on their own).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await WriteLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the flush timer; a batch still pending is counted as dropped (the container is going away).</summary>
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        Interlocked.Add(ref _dropped, _pending.Count);
        _pending = [];
    }

    private void OnFlushTimer() => _ = FlushFromTimerAsync();

    private async Task FlushFromTimerAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // The container is being disposed; DisposeAsync counts what was pending.
        }
    }

    private async Task WriteLockedAsync(CancellationToken cancellationToken)
    {
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_pending.Count == 0)
        {
            return;
        }

        List<FtpAuditEntry> batch = _pending;
        _pending = [];
        try
        {
            await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
            TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
            db.Set<FtpAuditEntry>().AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Add(ref _written, batch.Count);
            if (_failing)
            {
                _failing = false;
                IdentityLog.AuditWritesResumed(_logger, _droppedInOutage);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Add(ref _dropped, batch.Count);
            throw;
        }
        catch (ObjectDisposedException)
        {
            // The container is going away (a start that failed after the server published its first events, or a
            // stop): no database to write to, and nothing an operator must act on. Counted like DisposeAsync counts.
            Interlocked.Add(ref _dropped, batch.Count);
        }
#pragma warning disable CA1031 // An unreachable database must not end the sink: the batch is dropped and counted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Add(ref _dropped, batch.Count);
            if (!_failing)
            {
                _failing = true;
                _droppedInOutage = 0;
                IdentityLog.AuditWriteFailed(_logger, ex, batch.Count);
            }

            _droppedInOutage += batch.Count;
        }
    }
}
