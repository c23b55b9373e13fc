using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Testing;

/// <summary>
/// A loopback port that nothing uses now and that the kernel will not hand out as another connection's local port:
/// it is taken below the ephemeral range, so a released port cannot be grabbed by the outgoing connections of other
/// tests (or of a benchmark) before the test binds it. A port from <c>Bind(0)</c> can, and then a test that needs
/// exactly that port fails for a reason outside the code under test.
/// </summary>
public static class UnusedPort
{
    private const int Lowest = 10000;

    public static int Take() => TakeRange(1);

    /// <summary>The first of <paramref name="count"/> consecutive unused ports (a passive range), all below the ephemeral range.</summary>
    public static int TakeRange(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int below = EphemeralLowerBound() - count;
        for (int attempt = 0; attempt < 500; attempt++)
        {
            int first = Random.Shared.Next(Lowest, below);
            if (Enumerable.Range(first, count).All(IsUnused))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} unused loopback ports in a row between {Lowest} and {below + count} after 500 tries.");
    }

    private static bool IsUnused(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLowerBound()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(Range)
            && int.TryParse(File.ReadAllText(Range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
            && low > Lowest + 1000)
        {
            return low;
        }

        return 32768;
    }
}
