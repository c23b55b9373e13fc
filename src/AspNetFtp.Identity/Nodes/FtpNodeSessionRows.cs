using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Server;

namespace AspNetFtp.Identity.Nodes;

/// <summary>A registry snapshot as an <see cref="FtpNodeSession"/> row (client text masked and cut), and the row's update.</summary>
internal static class FtpNodeSessionRows
{
    public static string Id(string sessionId) => AuditText.Clean(sessionId, FtpNodeSession.MaxSessionIdLength)!;

    public static FtpNodeSession From(string node, FtpSessionInfo session, DateTime now) => new()
    {
        NodeName = node,
        SessionId = Id(session.Id),
        UserName = AuditText.Clean(session.UserName, FtpNodeSession.MaxUserNameLength),
        Remote = AuditText.Clean(session.RemoteEndPoint.ToString(), FtpNodeSession.MaxRemoteLength)!,
        Proxy = session.ProxyEndPoint?.ToString(),
        IsTls = session.IsTls,
        ConnectedUtc = session.ConnectedAt.UtcDateTime,
        LastCommand = AuditText.Clean(session.LastCommand, FtpNodeSession.MaxVerbLength),
        LastCommandUtc = session.LastCommandAt?.UtcDateTime,
        TransferVerb = AuditText.Clean(session.Transfer?.Verb, FtpNodeSession.MaxVerbLength),
        TransferDirection = session.Transfer?.Direction.ToString(),
        TransferPath = AuditText.Clean(session.Transfer?.Path, FtpNodeSession.MaxPathLength),
        TransferBytes = session.Transfer?.Bytes,
        UpdatedUtc = now,
    };

    /// <summary>Copies what changed from <paramref name="source"/>; true when anything did (then <c>UpdatedUtc</c> moves too).</summary>
    public static bool Update(FtpNodeSession row, FtpNodeSession source)
    {
        if (row.UserName == source.UserName && row.Remote == source.Remote && row.Proxy == source.Proxy && row.IsTls == source.IsTls
            && row.ConnectedUtc == source.ConnectedUtc && row.LastCommand == source.LastCommand
            && row.LastCommandUtc == source.LastCommandUtc && row.TransferVerb == source.TransferVerb
            && row.TransferDirection == source.TransferDirection && row.TransferPath == source.TransferPath
            && row.TransferBytes == source.TransferBytes)
        {
            return false;
        }

        row.UserName = source.UserName;
        row.Remote = source.Remote;
        row.Proxy = source.Proxy;
        row.IsTls = source.IsTls;
        row.ConnectedUtc = source.ConnectedUtc;
        row.LastCommand = source.LastCommand;
        row.LastCommandUtc = source.LastCommandUtc;
        row.TransferVerb = source.TransferVerb;
        row.TransferDirection = source.TransferDirection;
        row.TransferPath = source.TransferPath;
        row.TransferBytes = source.TransferBytes;
        row.UpdatedUtc = source.UpdatedUtc;
        return true;
    }
}
