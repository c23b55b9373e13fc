namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>
/// <c>FtpServer:ProxyProtocol</c>: the PROXY protocol (v1 and v2) on the control listeners, for a server behind a
/// TCP load balancer. Off by default. When on, a connection from <see cref="TrustedProxies"/> must start with a
/// header naming the real client (read within <c>Timeouts:Preamble</c>), which the limits, the defender, the address
/// rules, the logs and the data connection checks then see; a connection from anyone else is closed unless
/// <see cref="AllowDirectClients"/>. A header is never read from an untrusted address.
/// </summary>
public sealed class FtpProxyProtocolOptions
{
    /// <summary>Reads PROXY headers on the control listeners (plain and implicit FTPS). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The balancers: addresses or CIDR ranges (<c>10.0.0.5</c>, <c>10.0.0.0/24</c>, <c>2001:db8::/64</c>) whose
    /// headers are believed. Required, not empty, when <see cref="Enabled"/>.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Whether a trusted proxy must send a header. Default true: one that sends none within <c>Timeouts:Preamble</c>
    /// is closed. False: a trusted address that sends nothing by that deadline is served as the client itself
    /// (its greeting comes only after the deadline), for a balancer host that also connects as a plain FTP client.
    /// </summary>
    public bool Required { get; set; } = true;

    /// <summary>
    /// Whether a client that is not a trusted proxy is served as itself, without a header read (FTP clients wait
    /// for the greeting before they send; a header such a client sends later is only a bad command). Default false:
    /// the listener is only behind the balancer, and every other connection is closed at once.
    /// </summary>
    public bool AllowDirectClients { get; set; }

    /// <summary>
    /// Whether passive data connections may come through the balancer too (its passive ports forwarded, also with
    /// a PROXY header). Default false. True: a data connection from a trusted proxy must start with a header, read
    /// within <c>Timeouts:Data</c>, whose source must be the session's client; one straight from the client is
    /// checked as without a balancer.
    /// </summary>
    public bool DataConnections { get; set; }

    /// <summary>The versions accepted: <c>1</c>, <c>2</c>, or <c>1,2</c> (default, either).</summary>
    public string Versions { get; set; } = "1,2";

    /// <summary>The versions <see cref="Versions"/> names; <see cref="ProxyProtocolVersions.None"/> when it names none or something else.</summary>
    internal ProxyProtocolVersions AcceptedVersions()
    {
        ProxyProtocolVersions accepted = ProxyProtocolVersions.None;
        foreach (string part in (Versions ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
        {
            switch (part)
            {
                case "1":
                    accepted |= ProxyProtocolVersions.V1;
                    break;
                case "2":
                    accepted |= ProxyProtocolVersions.V2;
                    break;
                default:
                    return ProxyProtocolVersions.None;
            }
        }

        return accepted;
    }
}
