using System.Diagnostics;
using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Limits;

/// <summary>
/// Uploads of one user running at the same time, in real sessions: together they never store more than the quota
/// (the in-flight bytes are reserved where every session of the user on the node sees them), and an upload that
/// ends in any way gives its reservation back.
/// </summary>
public sealed class QuotaConcurrencyTests
{
    private const int Quota = 100 * 1024;
    private const int Half = 30 * 1024;

    private static async Task<(TestFtpServer Server, InMemoryFtpQuotaStore Store)> StartAsync(long? quotaBytes, long? quotaFiles, FtpUploadMode mode)
    {
        var store = new InMemoryFtpQuotaStore();
        TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.UploadMode = mode, quotas: store);
        server.Authenticator.Change(TestAuthenticator.UserName, u => u with { Limits = new FtpUserLimits(QuotaBytes: quotaBytes, QuotaFiles: quotaFiles) });
        return (server, store);
    }

    private static async Task<FtpQuotaUsage?> UsageAsync(TestFtpServer server, InMemoryFtpQuotaStore store) =>
        await store.GetUsageAsync(new FtpUser(TestAuthenticator.UserName, server.Home.Path, default), CancellationToken.None);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the condition did not become true within 20 s");
            await Task.Delay(20);
        }
    }

    /// <summary>True once <paramref name="count"/> uploads of the server each received exactly <paramref name="bytes"/>.</summary>
    private static bool UploadsReceived(TestFtpServer server, int count, long bytes) =>
        server.Server.Sessions.List().Count(s => s.Transfer is { } t && t.Bytes == bytes) == count;

    private static async Task<(RawFtpClient Client, Socket Data)> StartStorAsync(TestFtpServer server, string name)
    {
        RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR " + name)).Code);
        return (client, data);
    }

    [Theory]
    [InlineData(FtpUploadMode.Atomic)]
    [InlineData(FtpUploadMode.Standard)]
    public async Task Two_concurrent_stors_of_one_user_never_store_more_than_the_quota_and_the_one_crossing_it_gets_552(FtpUploadMode mode)
    {
        // 100 KiB of quota, two uploads of 60 KiB sent in two halves, both under way before either ends: the first
        // to finish fits (60 + the other's 30 in flight), the second would make 120 KiB and must get 552.
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(Quota, quotaFiles: null, mode);
        await using (server)
        {
            (RawFtpClient first, Socket firstData) = await StartStorAsync(server, "first.bin");
            (RawFtpClient second, Socket secondData) = await StartStorAsync(server, "second.bin");
            await using (first)
            await using (second)
            using (firstData)
            using (secondData)
            {
                await firstData.SendAsync(new byte[Half], SocketFlags.None);
                await secondData.SendAsync(new byte[Half], SocketFlags.None);
                await WaitUntilAsync(() => UploadsReceived(server, 2, Half));

                await RawFtpClient.SendExpectingCutAsync(firstData, Half);
                Assert.Equal("226 Transfer complete.", (await first.ReadReplyAsync()).ToString());
                await RawFtpClient.SendExpectingCutAsync(secondData, Half);
                Assert.Equal("552 Storage quota exceeded.", (await second.ReadReplyAsync()).ToString());

                Assert.Equal(2 * Half, new FileInfo(server.Home["first.bin"]).Length);
                Assert.Equal(["first.bin"], Directory.GetFiles(server.Home.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
                Assert.Equal(new FtpQuotaUsage(2 * Half, 1), await UsageAsync(server, store));
                Assert.Equal(200, (await second.CommandAsync("NOOP")).Code);
            }
        }
    }

    [Fact]
    public async Task Two_concurrent_stors_of_new_files_with_one_file_left_admit_only_one_before_any_data_connection()
    {
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(quotaBytes: null, quotaFiles: 1, FtpUploadMode.Atomic);
        await using (server)
        {
            (RawFtpClient first, Socket firstData) = await StartStorAsync(server, "first.txt");
            await using (first)
            using (firstData)
            {
                await using RawFtpClient second = await server.LoginAsync();
                Assert.Equal(227, (await second.CommandAsync("PASV")).Code);
                Assert.Equal("552 Quota exceeded: 0 of 1 files used, 1 more in uploads in progress.", (await second.CommandAsync("STOR second.txt")).ToString());

                await RawFtpClient.SendExpectingCutAsync(firstData, 10);
                Assert.Equal(226, (await first.ReadReplyAsync()).Code);
                Assert.Equal(new FtpQuotaUsage(10, 1), await UsageAsync(server, store));
                Assert.Equal(227, (await second.CommandAsync("PASV")).Code);
                Assert.Equal("552 Quota exceeded: 1 of 1 files used.", (await second.CommandAsync("STOR second.txt")).ToString());
            }
        }
    }

    [Theory]
    [InlineData(FtpUploadMode.Atomic, 0)]
    [InlineData(FtpUploadMode.AtomicResume, 2 * Half)]
    public async Task A_cut_stor_gives_its_reservation_back_so_the_user_can_fill_the_whole_remaining_quota(FtpUploadMode mode, int kept)
    {
        // Atomic: the cut upload leaves nothing, so all 100 KiB and the one file remain. AtomicResume keeps what
        // arrived (60 KiB, one file), so exactly 40 KiB and one more file remain.
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(Quota, quotaFiles: kept == 0 ? 1 : 2, mode);
        await using (server)
        {
            (RawFtpClient cut, Socket cutData) = await StartStorAsync(server, "cut.bin");
            await using (cut)
            {
                await cutData.SendAsync(new byte[2 * Half], SocketFlags.None);
                await WaitUntilAsync(() => UploadsReceived(server, 1, 2 * Half));
                cutData.LingerState = new LingerOption(true, 0);
                cutData.Close(); // a reset: the connection is cut, not closed at the end of the data
                Assert.Equal("426 Connection closed; transfer aborted.", (await cut.ReadReplyAsync()).ToString());
            }

            Assert.Equal(new FtpQuotaUsage(kept, kept == 0 ? 0 : 1), await UsageAsync(server, store));
            await using RawFtpClient next = await server.LoginAsync();
            Assert.Equal(200, (await next.CommandAsync("TYPE I")).Code);
            await next.UploadAsync("STOR rest.bin", new byte[Quota - kept]);

            Assert.Equal(Quota - kept, new FileInfo(server.Home["rest.bin"]).Length);
            Assert.Equal(new FtpQuotaUsage(Quota, kept == 0 ? 1 : 2), await UsageAsync(server, store));
            Assert.Equal(227, (await next.CommandAsync("PASV")).Code);
            Assert.Equal(552, (await next.CommandAsync("STOR more.bin")).Code);
        }
    }
}
