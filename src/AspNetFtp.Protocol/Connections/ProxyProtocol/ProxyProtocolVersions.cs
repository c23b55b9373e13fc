namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>The PROXY protocol versions a listener accepts (<c>FtpServer:ProxyProtocol:Versions</c>).</summary>
[Flags]
internal enum ProxyProtocolVersions
{
    /// <summary>None (never valid in settings).</summary>
    None = 0,

    /// <summary>Version 1, the text header.</summary>
    V1 = 1,

    /// <summary>Version 2, the binary header.</summary>
    V2 = 2,

    /// <summary>Either version.</summary>
    Both = V1 | V2,
}
