using System.Net;

namespace AspNetFtp.Protocol.Server;

/// <summary>A bound listener: where it listens and what it serves.</summary>
public sealed record FtpListenerInfo(IPEndPoint EndPoint, FtpListenerKind Kind);
