using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Protocol.Server;

/// <summary>The server's listening sockets: the control port and the optional implicit FTPS port, bound and closed together.</summary>
internal sealed class ControlListeners
{
    private readonly List<(Socket Socket, FtpListenerKind Kind)> _listeners = [];

    public IReadOnlyList<(Socket Socket, FtpListenerKind Kind)> All => _listeners;

    public IReadOnlyList<FtpListenerInfo> Infos =>
        [.. _listeners.Select(l => new FtpListenerInfo((IPEndPoint)l.Socket.LocalEndPoint!, l.Kind))];

    /// <summary>Binds every listener the options ask for; on failure closes those already bound and rethrows.</summary>
    /// <exception cref="FtpListenerBindException">An address and port could not be bound.</exception>
    public void BindAll(FtpServerOptions options, bool tlsLoaded)
    {
        IPAddress address = ParseHost(options.Host);
        try
        {
            Bind(new IPEndPoint(address, options.Port), FtpListenerKind.Ftp, options.Limits.ListenBacklog);
            if (options.ImplicitTlsPort is { } implicitPort)
            {
                if (!tlsLoaded)
                {
                    throw new FtpConfigurationException(nameof(FtpServerOptions.ImplicitTlsPort), "implicit FTPS needs Tls:CertificateFile (or Tls:PfxFile)");
                }

                Bind(new IPEndPoint(address, implicitPort), FtpListenerKind.ImplicitFtps, options.Limits.ListenBacklog);
            }
        }
        catch
        {
            Close();
            throw;
        }
    }

    public void Close()
    {
        foreach ((Socket socket, _) in _listeners)
        {
            socket.Dispose();
        }
    }

    /// <summary>The address to listen on: empty or <c>*</c> for every IPv4 address, <c>localhost</c> for loopback, else an IP address.</summary>
    /// <exception cref="FtpConfigurationException">The host is not an address.</exception>
    internal static IPAddress ParseHost(string host)
    {
        if (string.IsNullOrWhiteSpace(host) || host == "*")
        {
            return IPAddress.Any;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address)
            ? address
            : throw new FtpConfigurationException(nameof(FtpServerOptions.Host), $"'{host}' is not an IP address");
    }

    private void Bind(IPEndPoint endPoint, FtpListenerKind kind, int backlog)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(backlog);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new FtpListenerBindException(endPoint, kind, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listeners.Add((socket, kind));
    }
}
