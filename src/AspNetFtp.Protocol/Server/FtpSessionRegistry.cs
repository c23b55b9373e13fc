using System.Collections.Concurrent;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Server;

/// <summary>The server's live sessions: added when admitted, removed when they end.</summary>
internal sealed class FtpSessionRegistry(TimeProvider time, Func<TimeSpan> disconnectGrace) : IFtpSessionRegistry
{
    private readonly ConcurrentDictionary<string, (FtpSession Session, Task Run)> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public IEnumerable<FtpSession> Sessions => _sessions.Values.Select(e => e.Session);

    public IEnumerable<Task> Runs => _sessions.Values.Select(e => e.Run);

    public void Add(FtpSession session, Task run) => _sessions[session.Id] = (session, run);

    public void Remove(FtpSession session) => _sessions.TryRemove(session.Id, out _);

    public IReadOnlyList<FtpSessionInfo> List()
    {
        DateTimeOffset now = time.GetUtcNow();
        var list = new List<FtpSessionInfo>(_sessions.Count);
        foreach ((FtpSession session, _) in _sessions.Values)
        {
            list.Add(Describe(session, now));
        }

        return list;
    }

    public FtpSessionInfo? Find(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var entry) ? Describe(entry.Session, time.GetUtcNow()) : null;

    public async Task<bool> DisconnectAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return false;
        }

        entry.Session.RequestDisconnect();
        try
        {
            await entry.Run.WaitAsync(disconnectGrace(), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The 421 could not be written in time (a client that does not read): end it now.
            entry.Session.Abort();
            await entry.Run.WaitAsync(cancellationToken);
        }

        return true;
    }

    private static FtpSessionInfo Describe(FtpSession session, DateTimeOffset now)
    {
        FtpTransferInfo? transfer = null;
        if (session.CurrentTransfer is TransferProgress progress)
        {
            long bytes = progress.Bytes;
            double seconds = (now - progress.StartedAt).TotalSeconds;
            transfer = new FtpTransferInfo(progress.Description, progress.Direction, progress.Path, bytes, progress.StartedAt,
                seconds > 0 ? bytes / seconds : 0);
        }

        return new FtpSessionInfo(session.Id, session.UserName, session.RemoteEndPoint, session.IsTls, session.ConnectedAt,
            session.LastCommand, session.LastCommandAt, transfer, session.ProxyEndPoint);
    }
}
