using System.Net;

namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>
/// A PROXY protocol header as read: its <see cref="Length"/> in bytes, its version (1 or 2), and the client it
/// names. <see cref="Source"/> is null when the header names none (v1 <c>UNKNOWN</c>, v2 <c>LOCAL</c> or the
/// <c>UNSPEC</c> family: the balancer's own health checks), and the connection then keeps the socket's peer.
/// </summary>
internal readonly record struct ProxyHeader(int Length, int Version, IPEndPoint? Source, IPEndPoint? Destination)
{
    /// <summary>Whether the connection keeps the socket's peer as its client.</summary>
    public bool KeepsPeer => Source is null;
}
