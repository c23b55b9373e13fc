using System.Net;

namespace AspNetFtp.Protocol.Server;

/// <summary>A live session as the registry sees it at one moment.</summary>
/// <param name="Id">The session id (the one in every log line of the session).</param>
/// <param name="UserName">The logged-in user; null before login.</param>
/// <param name="RemoteEndPoint">The client (after any PROXY preamble).</param>
/// <param name="IsTls">The control connection is encrypted.</param>
/// <param name="ConnectedAt">When the connection was admitted.</param>
/// <param name="LastCommand">The verb of the last command recognised; null before the first.</param>
/// <param name="LastCommandAt">When that command arrived.</param>
/// <param name="Transfer">The running transfer, or null.</param>
/// <param name="ProxyEndPoint">The load balancer the session came through (a PROXY header named the client); null for a direct client.</param>
public sealed record FtpSessionInfo(
    string Id,
    string? UserName,
    IPEndPoint RemoteEndPoint,
    bool IsTls,
    DateTimeOffset ConnectedAt,
    string? LastCommand,
    DateTimeOffset? LastCommandAt,
    FtpTransferInfo? Transfer,
    IPEndPoint? ProxyEndPoint = null);
