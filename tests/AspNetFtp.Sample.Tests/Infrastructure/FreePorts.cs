using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>Loopback ports free right now (the kernel's pick for port 0); all taken at once, so they differ.</summary>
internal static class FreePorts
{
    public static int[] Take(int count)
    {
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }

            return sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
        }
        finally
        {
            foreach (Socket socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
