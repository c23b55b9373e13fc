using System.Diagnostics;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 10, soak (the short form of <c>bench/soak.sh</c>): sessions doing mixed work at once for a bounded time,
/// reconnecting as they go; every reply is the expected one and every file comes back with the bytes stored. The long
/// runs and their memory figures are in <c>docs/reliability.md</c>.
/// </summary>
public sealed class ShortSoakTests(ITestOutputHelper output)
{
    private const int Sessions = 16;
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Sixteen_sessions_doing_mixed_work_for_twenty_seconds_see_every_expected_reply_and_byte()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__Limits__MaxConnectionsPerIp"] = "100");
        var clock = Stopwatch.StartNew();
        long operations = 0;

        async Task Work(int session)
        {
            var random = new Random(session);
            for (var connection = 0; connection < 1000 && clock.Elapsed < RunFor; connection++)
            {
                var dir = $"s{session}-{connection}";
                await using var client = await server.ConnectRawAsync(login: true);
                await client.ExpectAsync("TYPE I", 200);
                await client.ExpectAsync("MKD " + dir, 257);
                for (var round = 0; round < 3; round++)
                {
                    var content = FtpTestServer.RandomBytes(random.Next(1, 64 * 1024), seed: session * 1000 + round);
                    var name = $"{dir}/f{round}.bin";
                    await client.UploadAsync("STOR " + name, content);
                    Assert.Equal($"{content.Length}", (await client.ExpectAsync("SIZE " + name, 213)).Text[4..]);
                    Assert.Equal(content, await client.DownloadAsync("RETR " + name));
                    Assert.Contains($"f{round}.bin", System.Text.Encoding.UTF8.GetString(await client.DownloadAsync("NLST " + dir)));
                    await client.ExpectAsync("RNFR " + name, 350);
                    await client.ExpectAsync($"RNTO {name}.done", 250);
                    await client.ExpectAsync($"DELE {name}.done", 250);
                    Interlocked.Add(ref operations, 7);
                }

                await client.ExpectAsync("RMD " + dir, 250);
                await client.ExpectAsync("QUIT", 221);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(i => Task.Run(() => Work(i))));

        output.WriteLine($"{operations} operations by {Sessions} sessions in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
        Assert.False(server.Process.HasExited);
        await using var last = await server.ConnectRawAsync(login: true);
        await last.ExpectAsync("NOOP", 200);
    }
}
