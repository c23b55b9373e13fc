using System.Net;
using AspNetFtp.Protocol.Defender.Addresses;

namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>
/// The connection preamble of <c>FtpServer:ProxyProtocol</c>, first of the stages when enabled: a trusted proxy's
/// header sets the transport's client (the proxy is kept as <see cref="FtpTransport.ProxyEndPoint"/>); a connection
/// from elsewhere is served as itself only with <c>AllowDirectClients</c>, its bytes never read as a header.
/// </summary>
internal sealed class ProxyProtocolPreamble : IFtpConnectionPreamble
{
    /// <summary>The reason logged for a connection from an address that is not a trusted proxy.</summary>
    public const string Untrusted = "not from a trusted proxy (ProxyProtocol:TrustedProxies)";

    private readonly AddressRange[] _trusted;
    private readonly ProxyProtocolVersions _versions;
    private readonly bool _required;
    private readonly bool _allowDirectClients;

    public ProxyProtocolPreamble(FtpProxyProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var trusted = new List<AddressRange>();
        foreach (string entry in options.TrustedProxies ?? [])
        {
            // The validator refused unreadable entries at start.
            if (AddressRange.TryParse(entry, out AddressRange range))
            {
                trusted.Add(range);
            }
        }

        _trusted = [.. trusted];
        _versions = options.AcceptedVersions();
        _required = options.Required;
        _allowDirectClients = options.AllowDirectClients;
    }

    public async ValueTask<bool> ReadAsync(FtpTransport transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        IPEndPoint peer = transport.RemoteEndPoint;
        if (!IsTrusted(peer.Address))
        {
            return _allowDirectClients ? true : throw new FtpPreambleRefusedException(Untrusted);
        }

        ProxyHeader? header = await ProxyHeaderReader.ReadAsync(transport.Stream, _versions, optional: !_required, cancellationToken);
        if (header is { Source: { } source })
        {
            transport.ProxyEndPoint = peer;
            transport.RemoteEndPoint = source;
        }
        else if (header is not null)
        {
            transport.IsProxyOwnConnection = true;
        }

        return true;
    }

    /// <summary>
    /// The client a passive data connection from a trusted proxy came for: the source its header names (the proxy
    /// itself for a LOCAL or UNKNOWN header). Reads exactly the header from <paramref name="socket"/>, so the data
    /// (or the TLS ClientHello) after it stays unread; throws <see cref="FtpPreambleRefusedException"/> for a
    /// missing, late or malformed header.
    /// </summary>
    public async ValueTask<IPEndPoint> ReadDataConnectionClientAsync(System.Net.Sockets.Socket socket, IPEndPoint proxy, CancellationToken cancellationToken)
    {
        await using var stream = new System.Net.Sockets.NetworkStream(socket, ownsSocket: false);
        ProxyHeader? header = await ProxyHeaderReader.ReadAsync(stream, _versions, optional: false, cancellationToken);
        return header?.Source ?? proxy;
    }

    /// <summary>Whether <paramref name="address"/> is one of the configured balancers.</summary>
    public bool IsTrusted(IPAddress address)
    {
        foreach (AddressRange range in _trusted)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
