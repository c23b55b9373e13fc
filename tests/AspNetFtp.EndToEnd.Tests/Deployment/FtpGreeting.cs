using System.Net.Sockets;
using System.Text;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>Connects to an FTP control port and reads the greeting's code: what "the server serves" means in these tests.</summary>
internal static class FtpGreeting
{
    /// <summary>The greeting's reply code, or null when nothing answered with a complete line within <paramref name="timeout"/>.</summary>
    public static async Task<int?> TryReadAsync(string host, int port, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, deadline.Token);
            NetworkStream stream = client.GetStream();
            var line = new StringBuilder();
            byte[] one = new byte[1];
            while (await stream.ReadAsync(one, deadline.Token) == 1 && one[0] != (byte)'\n')
            {
                line.Append((char)one[0]);
            }

            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), deadline.Token);
            return line.Length >= 3 && int.TryParse(line.ToString(0, 3), out int code) ? code : null;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls until the port greets with 220; false when <paramref name="within"/> passes first.</summary>
    public static async Task<bool> WaitFor220Async(string host, int port, TimeSpan within)
    {
        DateTime deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await TryReadAsync(host, port, TimeSpan.FromSeconds(2)) == 220)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
