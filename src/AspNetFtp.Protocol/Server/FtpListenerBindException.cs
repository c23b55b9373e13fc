using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// A listener's address and port could not be bound (in use, not an address of this machine, a privileged port):
/// <c>FTP listener could not bind 127.0.0.1:2121: address already in use</c>.
/// </summary>
public sealed class FtpListenerBindException : FtpStartupException
{
    /// <summary>The bind of <paramref name="endPoint"/> for a <paramref name="kind"/> listener failed with <paramref name="error"/>.</summary>
    public FtpListenerBindException(IPEndPoint endPoint, FtpListenerKind kind, SocketException error)
        : base($"FTP listener could not bind {endPoint}: {Describe(error)}", error)
    {
        EndPoint = endPoint;
        Kind = kind;
    }

    /// <summary>The address and port asked for.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The listener that could not be bound.</summary>
    public FtpListenerKind Kind { get; }

    /// <summary>The socket error as the operator acts on it.</summary>
    public SocketError Error => ((SocketException)InnerException!).SocketErrorCode;

    private static string Describe(SocketException error) => error.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "not an address of this machine",
        SocketError.AccessDenied => "permission denied (a port below 1024 needs root or CAP_NET_BIND_SERVICE)",
        SocketError.AddressFamilyNotSupported => "address family not supported on this machine",
        _ => error.Message,
    };
}
