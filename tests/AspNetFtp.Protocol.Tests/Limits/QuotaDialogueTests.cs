using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Limits;

/// <summary>
/// Quotas (<c>FtpUserLimits.QuotaBytes</c>, <c>QuotaFiles</c>) through the wire: 552 with nothing of the upload kept,
/// in each upload mode, the session still usable, and the usage kept current by every act that changes the files.
/// </summary>
public sealed class QuotaDialogueTests
{
    private const string Old = "the old, good content";

    private static async Task<(TestFtpServer Server, InMemoryFtpQuotaStore Store)> StartAsync(
        long? quotaBytes, long? quotaFiles = null, FtpUploadMode mode = FtpUploadMode.Atomic, Action<TestFtpServer>? prepare = null)
    {
        var store = new InMemoryFtpQuotaStore();
        TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.UploadMode = mode, quotas: store);
        server.Authenticator.Change(TestAuthenticator.UserName, u => u with { Limits = new FtpUserLimits(QuotaBytes: quotaBytes, QuotaFiles: quotaFiles) });
        prepare?.Invoke(server);
        return (server, store);
    }

    private static async Task<FtpQuotaUsage?> UsageAsync(TestFtpServer server, InMemoryFtpQuotaStore store) =>
        await store.GetUsageAsync(new FtpUser(TestAuthenticator.UserName, server.Home.Path, default), CancellationToken.None);

    /// <summary>Sends more than the quota allows; the server cuts the data connection, so a reset is expected here.</summary>
    private static async Task SendPastQuotaAsync(RawFtpClient client, string command, int length)
    {
        using Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync(command)).Code);
        await RawFtpClient.SendExpectingCutAsync(data, length);
    }

    [Theory]
    [InlineData(FtpUploadMode.Atomic)]
    [InlineData(FtpUploadMode.AtomicResume)]
    [InlineData(FtpUploadMode.Standard)]
    public async Task A_stor_that_passes_the_quota_gets_552_keeps_no_file_and_the_session_goes_on(FtpUploadMode mode)
    {
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(quotaBytes: 1000, mode: mode);
        await using (server)
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

            await SendPastQuotaAsync(client, "STOR big.bin", 200_000);

            Assert.Equal("552 Storage quota exceeded.", (await client.ReadReplyAsync()).ToString());
            Assert.False(File.Exists(server.Home["big.bin"]));
            Assert.Empty(Directory.GetFiles(server.Home.Path, "*", SearchOption.AllDirectories));
            Assert.Equal(new FtpQuotaUsage(0, 0), await UsageAsync(server, store));
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
            await client.UploadAsync("STOR small.txt", Encoding.ASCII.GetBytes("fits"));
            Assert.Equal("fits", File.ReadAllText(server.Home["small.txt"]));
            Assert.Equal(new FtpQuotaUsage(4, 1), await UsageAsync(server, store));
        }
    }

    [Theory]
    [InlineData(FtpUploadMode.Atomic)]
    [InlineData(FtpUploadMode.Standard)]
    public async Task An_appe_that_passes_the_quota_leaves_the_old_file_byte_identical(FtpUploadMode mode)
    {
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(quotaBytes: 1000, mode: mode, prepare: s => s.Home.WriteFile("log.txt", Old));
        await using (server)
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

            await SendPastQuotaAsync(client, "APPE log.txt", 200_000);

            Assert.Equal(552, (await client.ReadReplyAsync()).Code);
            Assert.Equal(Old, File.ReadAllText(server.Home["log.txt"]));
            Assert.Equal(new FtpQuotaUsage(Old.Length, 1), await UsageAsync(server, store));
        }
    }

    [Fact]
    public async Task A_stor_when_the_quota_is_used_up_gets_552_with_the_reason_before_any_data_connection()
    {
        (TestFtpServer server, _) = await StartAsync(quotaBytes: 10, prepare: s => s.Home.WriteFile("full.txt", "0123456789"));
        await using (server)
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(227, (await client.CommandAsync("PASV")).Code);

            Assert.Equal("552 Quota exceeded: 10 of 10 bytes used.", (await client.CommandAsync("STOR more.txt")).ToString());
            Assert.Equal(227, (await client.CommandAsync("PASV")).Code);
            Assert.Equal("552 Quota exceeded: 10 of 10 bytes used.", (await client.CommandAsync("APPE full.txt")).ToString());
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        }
    }

    [Fact]
    public async Task The_files_quota_refuses_a_new_file_but_lets_an_existing_one_be_overwritten()
    {
        (TestFtpServer server, _) = await StartAsync(quotaBytes: null, quotaFiles: 1, prepare: s => s.Home.WriteFile("one.txt", "1"));
        await using (server)
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(227, (await client.CommandAsync("PASV")).Code);
            Assert.Equal("552 Quota exceeded: 1 of 1 files used.", (await client.CommandAsync("STOR two.txt")).ToString());
            Assert.Equal(227, (await client.CommandAsync("PASV")).Code);
            Assert.Equal("552 Quota exceeded: 1 of 1 files used.", (await client.CommandAsync("STOU")).ToString());

            await client.UploadAsync("STOR one.txt", Encoding.ASCII.GetBytes("new one"));
            Assert.Equal("new one", File.ReadAllText(server.Home["one.txt"]));
        }
    }

    [Fact]
    public async Task The_usage_follows_overwrite_dele_and_rnto_over_an_existing_file()
    {
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(quotaBytes: 1_000_000, prepare: s =>
        {
            s.Home.WriteFile("a.txt", "aaaaaaaaaa"); // 10
            s.Home.WriteFile("dir/b.txt", "bbbbb"); // 5
        });
        await using (server)
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(new FtpQuotaUsage(15, 2), await UsageAsync(server, store));

            await client.UploadAsync("STOR a.txt", Encoding.ASCII.GetBytes("aaa"));
            Assert.Equal(new FtpQuotaUsage(8, 2), await UsageAsync(server, store));

            await client.UploadAsync("APPE a.txt", Encoding.ASCII.GetBytes("aa"));
            Assert.Equal(new FtpQuotaUsage(10, 2), await UsageAsync(server, store));

            await client.UploadAsync("STOR c.txt", Encoding.ASCII.GetBytes("cccccccc"));
            Assert.Equal(new FtpQuotaUsage(18, 3), await UsageAsync(server, store));

            Assert.Equal(350, (await client.CommandAsync("RNFR c.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("RNTO a.txt")).Code);
            Assert.Equal(new FtpQuotaUsage(13, 2), await UsageAsync(server, store));

            Assert.Equal(250, (await client.CommandAsync("DELE dir/b.txt")).Code);
            Assert.Equal(new FtpQuotaUsage(8, 1), await UsageAsync(server, store));

            Assert.Equal(250, (await client.CommandAsync("RMD dir")).Code);
            Assert.Equal(new FtpQuotaUsage(8, 1), await UsageAsync(server, store));
            Assert.Equal(new FtpQuotaUsage(8, 1), await FtpUsageCounter.CountAsync(new AspNetFtp.Protocol.Storage.LocalFileSystem(server.Home.Path), CancellationToken.None));
        }
    }

    [Fact]
    public async Task Two_sessions_of_one_user_share_the_quota()
    {
        (TestFtpServer server, _) = await StartAsync(quotaBytes: 10);
        await using (server)
        {
            await using RawFtpClient first = await server.LoginAsync();
            await using RawFtpClient second = await server.LoginAsync();
            await first.UploadAsync("STOR a.txt", Encoding.ASCII.GetBytes("0123456789"));

            Assert.Equal(227, (await second.CommandAsync("PASV")).Code);
            Assert.Equal("552 Quota exceeded: 10 of 10 bytes used.", (await second.CommandAsync("STOR b.txt")).ToString());
        }
    }

    [Fact]
    public async Task In_standard_mode_a_stor_over_an_existing_file_that_passes_the_quota_gets_552_and_leaves_that_name_empty()
    {
        // Standard mode writes in place: the old content went when the write began (as pyftpdlib's), and what
        // arrived before the quota is cut away, so the name stays with an empty file, counted as one file of 0 bytes.
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(quotaBytes: 1000, mode: FtpUploadMode.Standard, prepare: s => s.Home.WriteFile("old.txt", Old));
        await using (server)
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

            await SendPastQuotaAsync(client, "STOR old.txt", 200_000);

            Assert.Equal("552 Storage quota exceeded.", (await client.ReadReplyAsync()).ToString());
            Assert.Equal(["old.txt"], Directory.GetFiles(server.Home.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
            Assert.Equal(0, new FileInfo(server.Home["old.txt"]).Length);
            Assert.Equal(new FtpQuotaUsage(0, 1), await UsageAsync(server, store));
        }
    }

    private static async Task<FtpReply> RestStorAsync(RawFtpClient client, long offset, string name, byte[] content, bool pastQuota = false)
    {
        using Socket data = await client.OpenPassiveAsync();
        Assert.Equal(350, (await client.CommandAsync($"REST {offset}")).Code);
        Assert.Equal(150, (await client.CommandAsync("STOR " + name)).Code);
        try
        {
            await RawFtpClient.WriteAndCloseAsync(data, content);
        }
        catch (SocketException) when (pastQuota)
        {
            // The server stopped reading at the quota and reset the connection.
        }

        return await client.ReadReplyAsync();
    }

    [Fact]
    public async Task In_atomic_resume_mode_rest_and_stor_keep_the_usage_exact_up_to_the_last_byte_of_the_quota()
    {
        (TestFtpServer server, InMemoryFtpQuotaStore store) = await StartAsync(quotaBytes: 20, mode: FtpUploadMode.AtomicResume, prepare: s => s.Home.WriteFile("f.txt", "0123456789"));
        await using (server)
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

            Assert.Equal(226, (await RestStorAsync(client, 4, "f.txt", Encoding.ASCII.GetBytes("abcdef"))).Code);
            Assert.Equal("0123abcdef", File.ReadAllText(server.Home["f.txt"]));
            Assert.Equal(new FtpQuotaUsage(10, 1), await UsageAsync(server, store));

            Assert.Equal(226, (await RestStorAsync(client, 10, "f.txt", Encoding.ASCII.GetBytes("xyz"))).Code);
            Assert.Equal(new FtpQuotaUsage(13, 1), await UsageAsync(server, store));

            Assert.Equal("552 Storage quota exceeded.", (await RestStorAsync(client, 13, "f.txt", new byte[200_000], pastQuota: true)).ToString());
            Assert.Equal("0123abcdefxyz", File.ReadAllText(server.Home["f.txt"]));
            Assert.Equal(new FtpQuotaUsage(13, 1), await UsageAsync(server, store));

            Assert.Equal(226, (await RestStorAsync(client, 13, "f.txt", Encoding.ASCII.GetBytes("ABCDEFG"))).Code);
            Assert.Equal("0123abcdefxyzABCDEFG", File.ReadAllText(server.Home["f.txt"]));
            Assert.Equal(new FtpQuotaUsage(20, 1), await UsageAsync(server, store));
            Assert.Equal(new FtpQuotaUsage(20, 1), await FtpUsageCounter.CountAsync(new AspNetFtp.Protocol.Storage.LocalFileSystem(server.Home.Path), CancellationToken.None));
        }
    }
}
