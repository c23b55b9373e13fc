using System.Net;
using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 10's attack suite, connection flood: one address opening more control connections than
/// <c>Limits:MaxConnectionsPerIp</c> gets 421 for each extra one, while another address still logs in and works;
/// closing the flood gives the slots back.
/// </summary>
public sealed partial class AttackTests
{
    [Fact]
    public async Task A_flood_of_connections_from_127_0_0_2_past_the_per_address_limit_gets_421_while_127_0_0_1_still_works()
    {
        const int Limit = 8;
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__Limits__MaxConnectionsPerIp"] = $"{Limit}");
        var flood = new List<RawFtpClient>();
        try
        {
            for (var i = 0; i < Limit; i++)
            {
                flood.Add(await server.ConnectRawAsync(Foreign));
            }

            var refused = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                await using var extra = await RawFtpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), Foreign);
                var (closed, replies) = await extra.WaitForCloseAsync(TimeSpan.FromSeconds(10));
                Assert.True(closed, $"extra connection {i} was left open");
                refused.AddRange(replies.Select(r => r.Code));
            }

            Assert.Equal(Enumerable.Repeat(421, 20), refused);
            await using var other = await server.ConnectRawAsync(login: true);
            await other.ExpectAsync("NOOP", 200);
        }
        finally
        {
            foreach (var client in flood)
            {
                await client.DisposeAsync();
            }
        }

        // The slots come back once the flood closes (the server notices each close).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        RawFtpClient? again = null;
        while (again is null && DateTime.UtcNow < deadline)
        {
            var attempt = await RawFtpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), Foreign);
            var greeting = await attempt.ReadReplyAsync();
            if (greeting.Code == 220)
            {
                again = attempt;
            }
            else
            {
                await attempt.DisposeAsync();
                await Task.Delay(200);
            }
        }

        Assert.NotNull(again);
        await using (again)
        {
            await again.LoginAsync(FtpTestServer.UserName, FtpTestServer.Password);
            await again.ExpectAsync("NOOP", 200);
        }
    }
}
