using System.Data.Common;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Nodes;

/// <summary>
/// <see cref="IFtpClusterSessions"/> over <typeparamref name="TContext"/>'s node tables and this node's live registry
/// (scoped: it uses the scope's context and audit log).
/// </summary>
internal sealed class FtpClusterSessions<TContext>(
    TContext db,
    IFtpSessionRegistry registry,
    IOptions<FtpNodeOptions> options,
    IFtpAuditLog audit,
    TimeProvider? time = null) : IFtpClusterSessions
    where TContext : DbContext
{
    /// <summary>How often a waiting disconnect looks for the other node's answer.</summary>
    private static readonly TimeSpan AnswerPoll = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string ThisNode => options.Value.EffectiveName;

    public async Task<IReadOnlyList<FtpNodeSummary>> ListNodesAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<FtpNodeSummary> nodes = await ReadNodesAsync(db, options.Value, _time.GetUtcNow(), ThisNode, cancellationToken);
        return [.. nodes.Select(n => n.IsThisNode ? n with { Sessions = registry.Count } : n)];
    }

    /// <summary>
    /// Every node row with its state and its session rows' count (0 unless alive), alive ones first; the row named
    /// <paramref name="thisNode"/> is marked as this node. The CLI, which is no node, passes null.
    /// </summary>
    internal static async Task<IReadOnlyList<FtpNodeSummary>> ReadNodesAsync(DbContext db, FtpNodeOptions options, DateTimeOffset now, string? thisNode,
        CancellationToken cancellationToken)
    {
        List<FtpNode> nodes = await db.Set<FtpNode>().AsNoTracking().ToListAsync(cancellationToken);
        Dictionary<string, int> counts = await db.Set<FtpNodeSession>().AsNoTracking()
            .GroupBy(s => s.NodeName)
            .Select(g => new { Node = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Node, g => g.Count, StringComparer.Ordinal, cancellationToken);
        return [.. nodes
            .Select(n =>
            {
                FtpNodeState state = StateOf(n, now.UtcDateTime, options);
                int sessions = state == FtpNodeState.Alive ? counts.GetValueOrDefault(n.Name) : 0;
                return new FtpNodeSummary(n.Name, state, n.Name == thisNode, sessions, n.Endpoints, n.PassivePorts, n.MasqueradeAddress, n.Version,
                    Utc(n.StartedUtc), Utc(n.HeartbeatUtc), n.StoppedUtc is { } stopped ? Utc(stopped) : null);
            })
            .OrderBy(n => n.State)
            .ThenBy(n => n.Name, StringComparer.Ordinal)];
    }

    /// <summary>The session rows of every alive node but <paramref name="exceptNode"/>, as of their last heartbeat.</summary>
    internal static async Task<List<FtpClusterSession>> ReadSessionsAsync(DbContext db, FtpNodeOptions options, DateTimeOffset now, string? exceptNode,
        CancellationToken cancellationToken)
    {
        DateTime aliveSince = now.UtcDateTime - options.EffectiveDeadAfter;
        string except = exceptNode ?? "";
        List<FtpNodeSession> rows = await (
            from s in db.Set<FtpNodeSession>().AsNoTracking()
            join n in db.Set<FtpNode>() on s.NodeName equals n.Name
            where s.NodeName != except && n.StoppedUtc == null && n.HeartbeatUtc >= aliveSince
            select s).ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new FtpClusterSession(
                r.NodeName, false, r.SessionId, r.UserName, r.Remote, r.IsTls, Utc(r.ConnectedUtc), r.LastCommand,
                r.LastCommandUtc is { } at ? Utc(at) : null, r.TransferVerb, r.TransferDirection, r.TransferPath, r.TransferBytes, null, r.Proxy))
            .OrderBy(s => s.ConnectedUtc).ThenBy(s => s.Node, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<FtpClusterSessionList> ListSessionsAsync(CancellationToken cancellationToken = default)
    {
        string me = ThisNode;
        var sessions = registry.List().Select(s => Local(me, s)).ToList();
        bool unavailable = false;
        if (options.Value.Enabled)
        {
            try
            {
                sessions.AddRange(await ReadSessionsAsync(db, options.Value, _time.GetUtcNow(), me, cancellationToken));
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                unavailable = true;
            }
        }

        return new FtpClusterSessionList(
            [.. sessions.OrderBy(s => s.ConnectedUtc).ThenBy(s => s.Node, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal)],
            unavailable);
    }

    public async Task<FtpDisconnectResult> RequestDisconnectAsync(string node, string sessionId, string? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(sessionId);
        if (node == ThisNode)
        {
            FtpSessionInfo? session = registry.Find(sessionId);
            bool ended = session is not null && await registry.DisconnectAsync(session.Id, cancellationToken);
            if (ended)
            {
                await RecordAsync(node, sessionId, session!.UserName, session.RemoteEndPoint.Address.ToString(), actor, cancellationToken);
            }

            return new FtpDisconnectResult(ended ? FtpDisconnectOutcome.Ended : FtpDisconnectOutcome.Gone, node);
        }

        DateTime now = _time.GetUtcNow().UtcDateTime;
        FtpNode? target = await db.Set<FtpNode>().AsNoTracking().FirstOrDefaultAsync(n => n.Name == node, cancellationToken);
        if (target is null)
        {
            return new FtpDisconnectResult(FtpDisconnectOutcome.Refused, node, $"there is no node named '{node}'");
        }

        switch (StateOf(target, now, options.Value))
        {
            case FtpNodeState.Stopped:
                return new FtpDisconnectResult(FtpDisconnectOutcome.Refused, node, $"node '{node}' has stopped; its sessions have ended");
            case FtpNodeState.Dead:
                return new FtpDisconnectResult(FtpDisconnectOutcome.Refused, node,
                    $"node '{node}' has sent no heartbeat for {(now - target.HeartbeatUtc).TotalSeconds:F0}s; it cannot be reached");
        }

        // What the row said about the session, for the audit row (the other node's registry is out of reach).
        FtpNodeSession? row = await db.Set<FtpNodeSession>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.NodeName == node && s.SessionId == sessionId, cancellationToken);
        var command = new FtpNodeCommand
        {
            NodeName = node,
            SessionId = FtpNodeSessionRows.Id(sessionId),
            Kind = FtpNodeCommand.Disconnect,
            RequestedBy = AuditText.Clean(actor, FtpNodeCommand.MaxRequestedByLength),
            RequestedUtc = now,
        };
        db.Set<FtpNodeCommand>().Add(command);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        long id = command.Id;
        DateTimeOffset deadline = _time.GetUtcNow() + options.Value.HeartbeatInterval * 2 + TimeSpan.FromSeconds(1);
        while (true)
        {
            string? outcome = await db.Set<FtpNodeCommand>().AsNoTracking().Where(c => c.Id == id)
                .Select(c => c.Outcome).FirstOrDefaultAsync(cancellationToken);
            if (outcome == FtpNodeCommand.Ended)
            {
                await RecordAsync(node, sessionId, row?.UserName, AddressOf(row?.Remote), actor, cancellationToken);
                return new FtpDisconnectResult(FtpDisconnectOutcome.Ended, node);
            }

            if (outcome == FtpNodeCommand.Gone)
            {
                return new FtpDisconnectResult(FtpDisconnectOutcome.Gone, node);
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return new FtpDisconnectResult(FtpDisconnectOutcome.Pending, node);
            }

            await Task.Delay(AnswerPoll, _time, cancellationToken);
        }
    }

    /// <summary>A session of this node's registry, with its live values.</summary>
    internal static FtpClusterSession Local(string node, FtpSessionInfo s) => new(
        node, true, s.Id, s.UserName, s.RemoteEndPoint.ToString(), s.IsTls, s.ConnectedAt, s.LastCommand, s.LastCommandAt,
        s.Transfer?.Verb, s.Transfer?.Direction.ToString(), s.Transfer?.Path, s.Transfer?.Bytes, s.Transfer?.BytesPerSecond,
        s.ProxyEndPoint?.ToString());

    private static FtpNodeState StateOf(FtpNode node, DateTime now, FtpNodeOptions options) =>
        node.StoppedUtc is not null ? FtpNodeState.Stopped
        : now - node.HeartbeatUtc > options.EffectiveDeadAfter ? FtpNodeState.Dead
        : FtpNodeState.Alive;

    private Task RecordAsync(string node, string sessionId, string? user, string? address, string? actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(AdminAuditKinds.SessionDisconnected, user, actor, $"session {sessionId} on node {node}", cancellationToken, address);

    /// <summary>The address of <c>address:port</c> text (IPv6 as written by <c>IPEndPoint</c>: <c>[::1]:21</c>).</summary>
    private static string? AddressOf(string? remote) =>
        remote is null ? null
        : System.Net.IPEndPoint.TryParse(remote, out System.Net.IPEndPoint? endPoint) ? endPoint.Address.ToString()
        : remote;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
