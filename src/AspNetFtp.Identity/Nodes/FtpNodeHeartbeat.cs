using System.Reflection;
using AspNetFtp.Identity.Logging;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Nodes;

/// <summary>
/// This node's entry in the shared database, registered by <c>AddIdentityAccounts</c> after the FTP server (so it
/// starts once the listeners are bound and knows their real addresses). Every <c>FtpServer:Node:HeartbeatInterval</c>,
/// in one DI scope: writes the node's <see cref="FtpNode"/> row, runs the node's pending <see cref="FtpNodeCommand"/>s
/// (disconnects asked on other nodes), replaces the node's <see cref="FtpNodeSession"/> rows with the registry's list
/// (only rows that changed are written) in the same <c>SaveChanges</c>, and deletes the session rows of nodes that
/// stopped or whose heartbeat is older than <c>DeadAfter</c>. Every few minutes it also drops commands and node rows
/// older than a day. A failed beat is logged once per outage and retried; it never stops the server. On stop it marks
/// its row stopped and deletes its session rows (at most 5 seconds). A start whose name is held by another live run
/// fails with what to change.
/// </summary>
/// <typeparam name="TContext">The application's context, which applies <c>AddFtpAccounts</c> (or <c>AddFtpNodes</c>).</typeparam>
public sealed class FtpNodeHeartbeat<TContext> : IHostedService, IAsyncDisposable
    where TContext : DbContext
{
    /// <summary>How long the stop write may take.</summary>
    private static readonly TimeSpan StopWriteTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long one disconnect asked by another node may take before the beat goes on.</summary>
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often old commands and long-gone nodes are dropped.</summary>
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(5);

    /// <summary>How long completed commands and stopped or dead nodes' rows are kept.</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly FtpServer _server;
    private readonly FtpNodeOptions _options;
    private readonly FtpDataChannelOptions _dataChannel;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;
    private int _failures;
    private bool _registered;

    /// <summary>The heartbeat of <paramref name="server"/> in <typeparamref name="TContext"/>'s database.</summary>
    /// <param name="scopes">Creates the scope of each beat.</param>
    /// <param name="server">The FTP server: its listeners and its session registry.</param>
    /// <param name="options">The node's name and intervals.</param>
    /// <param name="serverOptions">The passive ports and masquerade address shown to the admin.</param>
    /// <param name="logger">Logs a failing database once per outage.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public FtpNodeHeartbeat(IServiceScopeFactory scopes, FtpServer server, IOptions<FtpNodeOptions> options, IOptions<FtpServerOptions> serverOptions,
        ILogger<FtpNodeHeartbeat<TContext>> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serverOptions);
        _scopes = scopes;
        _server = server;
        _options = options.Value;
        _dataChannel = serverOptions.Value.DataChannel;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>This process run; a row with another id and the same name belongs to another run.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The node's name (<c>FtpServer:Node:Name</c>, else the host name).</summary>
    public string NodeName => _options.EffectiveName;

    /// <summary>
    /// Writes the first beat (failing the start when a live node already has the name), then beats every interval.
    /// A database that cannot be reached does not fail the start: the beats retry.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        _startedAt = _time.GetUtcNow();
        await WaitForNameAsync(cancellationToken);
        await TryBeatAsync(first: true, cancellationToken);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Before the first beat: a row of this name from another run whose heartbeat is younger than <c>DeadAfter</c> is
    /// either a node that runs (its heartbeat moves on: the start fails naming the setting) or this machine's previous
    /// run, killed before it could say it stopped (its heartbeat stays: the name is taken once it is <c>DeadAfter</c>
    /// old). So a restart after a crash waits at most <c>DeadAfter</c>; a second node under one name fails within one
    /// of its intervals. A database that cannot be read decides nothing here: the beats retry.
    /// </summary>
    private async Task WaitForNameAsync(CancellationToken cancellationToken)
    {
        string name = NodeName;
        TimeSpan poll = TimeSpan.FromTicks(Math.Clamp(_options.HeartbeatInterval.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMilliseconds(500).Ticks));
        DateTime? firstSeen = null;
        while (true)
        {
            FtpNode? row;
            try
            {
                await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
                row = await scope.ServiceProvider.GetRequiredService<TContext>().Set<FtpNode>().AsNoTracking()
                    .FirstOrDefaultAsync(n => n.Name == name, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return;
            }

            DateTime now = _time.GetUtcNow().UtcDateTime;
            if (row is null || row.StoppedUtc is not null || row.InstanceId == InstanceId || now - row.HeartbeatUtc > _options.EffectiveDeadAfter)
            {
                return;
            }

            if (firstSeen is { } seen && row.HeartbeatUtc != seen)
            {
                throw new FtpStartupException(AlreadyRunning(name, now, row.HeartbeatUtc));
            }

            firstSeen ??= row.HeartbeatUtc;
            await Task.Delay(poll, _time, cancellationToken);
        }
    }

    /// <summary>Stops beating, then marks the row stopped and deletes the node's session rows (best effort).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null)
        {
            return;
        }

        await EndLoopAsync();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(StopWriteTimeout);
        try
        {
            await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
            TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
            FtpNode? mine = await db.Set<FtpNode>().FirstOrDefaultAsync(n => n.Name == NodeName, bounded.Token);
            if (mine is not null && mine.InstanceId == InstanceId)
            {
                DateTime now = _time.GetUtcNow().UtcDateTime;
                mine.StoppedUtc = now;
                mine.HeartbeatUtc = now;
            }

            db.Set<FtpNodeSession>().RemoveRange(await db.Set<FtpNodeSession>().Where(s => s.NodeName == NodeName).ToListAsync(bounded.Token));
            await db.SaveChangesAsync(bounded.Token);
        }
#pragma warning disable CA1031 // Best effort: the other nodes count this one dead after DeadAfter anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            IdentityLog.NodeStopWriteFailed(_logger, ex, NodeName);
        }
    }

    /// <summary>Ends the beats without the stop write (as a process that dies would leave its rows).</summary>
    public async ValueTask DisposeAsync()
    {
        await EndLoopAsync();
        _stopping.Dispose();
    }

    private async Task EndLoopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryBeatAsync(first: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TryBeatAsync(bool first, CancellationToken cancellationToken)
    {
        try
        {
            await BeatAsync(first, cancellationToken);
            if (_failures > 0)
            {
                IdentityLog.HeartbeatResumed(_logger, NodeName, _failures);
                _failures = 0;
            }
        }
        catch (FtpStartupException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed beat is retried at the next interval; it must never stop the server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (_failures++ == 0)
            {
                IdentityLog.HeartbeatFailed(_logger, ex, NodeName, _options.HeartbeatInterval);
            }
        }
    }

    /// <summary>Beats that failed since the last one that succeeded.</summary>
    internal int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>One beat now, outside the interval (tests measure it).</summary>
    internal Task BeatOnceAsync(CancellationToken cancellationToken) => BeatAsync(first: false, cancellationToken);

    private async Task BeatAsync(bool first, CancellationToken cancellationToken)
    {
        DateTimeOffset nowOffset = _time.GetUtcNow();
        DateTime now = nowOffset.UtcDateTime;
        DateTime deadBefore = now - _options.EffectiveDeadAfter;
        string name = NodeName;
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        TContext db = scope.ServiceProvider.GetRequiredService<TContext>();

        FtpNode? mine = await db.Set<FtpNode>().FirstOrDefaultAsync(n => n.Name == name, cancellationToken);
        if (mine is null)
        {
            mine = new FtpNode { Name = name };
            db.Set<FtpNode>().Add(mine);
        }
        else if (mine.InstanceId != InstanceId && mine.StoppedUtc is null && mine.HeartbeatUtc > deadBefore && !_registered)
        {
            // Only the start fails; a node whose first beat found the database down keeps retrying (and logs this once).
            string message = AlreadyRunning(name, now, mine.HeartbeatUtc);
            throw first ? new FtpStartupException(message) : new InvalidOperationException(message);
        }

        if (mine.InstanceId != InstanceId)
        {
            mine.InstanceId = InstanceId;
            mine.StartedUtc = _startedAt.UtcDateTime;
        }

        mine.Endpoints = Cut(Endpoints(), FtpNode.MaxTextLength);
        mine.PassivePorts = _dataChannel.PassivePorts is { Length: > 0 } ports ? Cut(ports, FtpNode.MaxTextLength) : null;
        mine.MasqueradeAddress = _dataChannel.MasqueradeAddress is { Length: > 0 } masquerade ? Cut(masquerade, FtpNode.MaxTextLength) : null;
        mine.Version = Cut(Version, FtpNode.MaxVersionLength);
        mine.HeartbeatUtc = now;
        mine.StoppedUtc = null;

        // Disconnects asked on other nodes, before the snapshot: an ended session leaves the rows in this same beat.
        if (_registered)
        {
            await RunCommandsAsync(db, name, cancellationToken);
        }

        // This node's rows and those of stopped or dead nodes, in one query (a join: no list of names to send).
        var rows = await (
            from s in db.Set<FtpNodeSession>()
            join n in db.Set<FtpNode>() on s.NodeName equals n.Name
            where s.NodeName == name || n.StoppedUtc != null || n.HeartbeatUtc < deadBefore
            select s).ToListAsync(cancellationToken);
        var live = new Dictionary<string, FtpSessionInfo>(StringComparer.Ordinal);
        foreach (FtpSessionInfo session in _server.Sessions.List())
        {
            live[FtpNodeSessionRows.Id(session.Id)] = session;
        }

        var orphans = new List<FtpNodeSession>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (FtpNodeSession row in rows)
        {
            if (row.NodeName != name)
            {
                orphans.Add(row);
            }
            else if (live.TryGetValue(row.SessionId, out FtpSessionInfo? session))
            {
                seen.Add(row.SessionId);
                FtpNodeSessionRows.Update(row, FtpNodeSessionRows.From(name, session, now));
            }
            else
            {
                db.Set<FtpNodeSession>().Remove(row);
            }
        }

        foreach ((string id, FtpSessionInfo session) in live)
        {
            if (!seen.Contains(id))
            {
                db.Set<FtpNodeSession>().Add(FtpNodeSessionRows.From(name, session, now));
            }
        }

        foreach (FtpNodeSession orphan in orphans)
        {
            db.Entry(orphan).State = EntityState.Detached;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (!_registered)
        {
            _registered = true;
            IdentityLog.NodeRegistered(_logger, name, mine.Endpoints, _options.HeartbeatInterval);
        }

        // Other nodes' leftovers, apart: two nodes deleting the same rows at once must not cost either its heartbeat.
        if (orphans.Count != 0)
        {
            db.ChangeTracker.Clear();
            db.Set<FtpNodeSession>().RemoveRange(orphans);
            await SaveIgnoringRacesAsync(db, cancellationToken);
        }

        if (nowOffset - _lastPurge >= PurgeInterval)
        {
            _lastPurge = nowOffset;
            await PurgeAsync(db, now - KeepFor, cancellationToken);
        }
    }

    /// <summary>Runs this node's pending commands and marks them completed (saved with the beat).</summary>
    private async Task RunCommandsAsync(TContext db, string name, CancellationToken cancellationToken)
    {
        List<FtpNodeCommand> commands = await db.Set<FtpNodeCommand>()
            .Where(c => c.NodeName == name && c.CompletedUtc == null)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        foreach (FtpNodeCommand command in commands)
        {
            bool ended = false;
            if (command.Kind == FtpNodeCommand.Disconnect)
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(DisconnectTimeout);
                string? id = _server.Sessions.List().FirstOrDefault(s => FtpNodeSessionRows.Id(s.Id) == command.SessionId)?.Id;
                try
                {
                    ended = id is not null && await _server.Sessions.DisconnectAsync(id, bounded.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Asked to end and still closing: it ends on its own.
                    ended = true;
                }
            }

            command.CompletedUtc = _time.GetUtcNow().UtcDateTime;
            command.Outcome = ended ? FtpNodeCommand.Ended : FtpNodeCommand.Gone;
            IdentityLog.NodeCommandRun(_logger, name, command.SessionId, command.RequestedBy, command.Outcome);
        }
    }

    /// <summary>Drops completed (or never taken) commands and node rows stopped or silent for longer than a day.</summary>
    private static async Task PurgeAsync(TContext db, DateTime before, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        // Keys first, then deletes by key: MariaDB refuses the aliased DELETE that ExecuteDelete produces.
        List<long> commands = await db.Set<FtpNodeCommand>()
            .Where(c => c.RequestedUtc < before && (c.CompletedUtc == null || c.CompletedUtc < before))
            .Select(c => c.Id).Take(1000).ToListAsync(cancellationToken);
        db.Set<FtpNodeCommand>().RemoveRange(commands.Select(id => new FtpNodeCommand { Id = id }));
        List<string> nodes = await db.Set<FtpNode>()
            .Where(n => n.HeartbeatUtc < before)
            .Select(n => n.Name).ToListAsync(cancellationToken);
        db.Set<FtpNode>().RemoveRange(nodes.Select(n => new FtpNode { Name = n }));
        await SaveIgnoringRacesAsync(db, cancellationToken);
    }

    private static async Task SaveIgnoringRacesAsync(TContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node deleted some of the rows first.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private string Endpoints() => string.Join(", ", _server.Listeners.Select(l =>
        l.Kind == FtpListenerKind.ImplicitFtps ? l.EndPoint + " (implicit TLS)" : l.EndPoint.ToString()));

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Version { get; } =
        typeof(FtpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The start's refusal when another live instance holds <paramref name="name"/>.</summary>
    private static string AlreadyRunning(string name, DateTime now, DateTime lastHeartbeat) =>
        $"FTP node '{name}' is already running (last heartbeat {Math.Max(0, (now - lastHeartbeat).TotalSeconds):F0}s ago); give each node its own FtpServer:Node:Name";
}
