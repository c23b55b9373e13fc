using System.Net;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>What a client offered at login.</summary>
public sealed record FtpLoginRequest(string UserName, string Password, IPEndPoint RemoteEndPoint);
