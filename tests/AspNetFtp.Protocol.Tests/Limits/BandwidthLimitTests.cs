using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Limits;

/// <summary>
/// The bandwidth limits hold on every copy path. One measurement per path: 3 MB at 1 MB/s must take at least 2.7 s
/// (the buckets start with 0.2 s of the rate, so the least possible is 2.8 s). A lower bound only: a loaded machine
/// makes a transfer slower, never faster, so load cannot break it. The 10-second figures are `bench/ratelimit.sh`'s.
/// </summary>
public sealed class BandwidthLimitTests : IDisposable
{
    private const int Rate = 1_000_000;
    private const int Size = 3_000_000;
    private static readonly TimeSpan Least = TimeSpan.FromSeconds(2.7);
    private readonly TestTlsFiles _tls = new();

    public void Dispose() => _tls.Dispose();

    public static TheoryData<string> Paths => ["RETR sendfile", "RETR pump", "RETR TLS", "STOR", "STOR TLS", "RETR server cap", "STOR server cap"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_limited_transfer_of_3_MB_at_1_MB_per_second_takes_at_least_2_7_seconds_and_arrives_whole(string path)
    {
        bool tls = path.EndsWith("TLS", StringComparison.Ordinal);
        bool serverCap = path.EndsWith("server cap", StringComparison.Ordinal);
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.UseSendfile = path != "RETR pump";
            if (serverCap)
            {
                o.Limits.MaxUploadBytesPerSecond = Rate;
                o.Limits.MaxDownloadBytesPerSecond = Rate;
            }

            if (tls)
            {
                _tls.Apply(o);
            }
        });
        if (!serverCap)
        {
            server.Authenticator.Change(TestAuthenticator.UserName, u => u with
            {
                Limits = new FtpUserLimits(UploadBytesPerSecond: Rate, DownloadBytesPerSecond: Rate),
            });
        }

        byte[] content = new byte[Size];
        new Random(7).NextBytes(content);
        await File.WriteAllBytesAsync(server.Home["big.bin"], content);
        await using RawFtpClient client = tls ? await TestTlsFiles.LoginProtectedAsync(server) : await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

        var clock = Stopwatch.StartNew();
        if (path.StartsWith("RETR", StringComparison.Ordinal))
        {
            using Socket socket = await client.OpenPassiveAsync();
            Assert.Equal(150, (await client.CommandAsync("RETR big.bin")).Code);
            byte[] received;
            if (tls)
            {
                await using SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false));
                (received, bool ended) = await RawFtpClient.ReadToEndAsync(data);
                clock.Stop();
                Assert.True(ended, "the download did not end within the client's timeout");
            }
            else
            {
                received = await RawFtpClient.ReadToEndAsync(socket);
                clock.Stop();
            }

            // The clock stopped at the last byte: the close handshake after it is not part of the rate.
            socket.Close();
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Equal(content, received);
        }
        else
        {
            using Socket socket = await client.OpenPassiveAsync();
            Assert.Equal(150, (await client.CommandAsync("STOR up.bin")).Code);
            if (tls)
            {
                await using SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false));
                await data.WriteAsync(content);
                await data.ShutdownAsync();
                socket.Shutdown(SocketShutdown.Send);
            }
            else
            {
                await RawFtpClient.WriteAndCloseAsync(socket, content);
            }

            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            clock.Stop();
            Assert.Equal(content, await File.ReadAllBytesAsync(server.Home["up.bin"]));
        }

        Assert.True(clock.Elapsed >= Least, $"{path}: {Size} bytes at {Rate} B/s took {clock.Elapsed.TotalSeconds:F2} s");
    }
}
