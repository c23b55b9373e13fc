using System.Net;
using System.Net.Sockets;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// The quota on the account row with uploads of one account running at the same time on one node: the bytes in
/// flight are reserved on the node beside the row's committed usage, so together they never store more than the
/// quota. A server resolved as an application resolves it, real sessions over loopback, on each provider.
/// </summary>
public abstract class QuotaConcurrencySuite(DatabaseFixture fixture)
{
    private const int Quota = 100 * 1024;
    private const int Half = 30 * 1024;

    private static async Task<(RawFtpClient Client, Socket Data)> StartStorAsync(IPEndPoint server, SeededAccount account, string name)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(server);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await client.LoginAsync(account.UserName, account.Password);
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR " + name)).Code);
        return (client, data);
    }

    [ProviderFact]
    public async Task Two_concurrent_stors_of_one_account_never_store_more_than_the_quota_on_the_row_and_the_one_crossing_it_gets_552()
    {
        SeededAccount account = await fixture.Services.SeedAsync();
        await fixture.Services.ManageAsync(async m => TestAccounts.Check(await m.SetAccountLimitsAsync(account.UserName,
            new FtpLimitChanges { QuotaBytes = new FtpSetting<long?>(Quota) })));
        await using ServiceProvider services = fixture.BuildServices(settings: new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
        });
        FtpServer server = services.GetRequiredService<FtpServer>();
        await server.StartAsync(CancellationToken.None);
        try
        {
            // Both STORs are admitted (150) before any byte arrives; the first to finish fits (60 KiB with at most
            // 30 KiB of the other in flight), the second would make 120 KiB of 100 KiB and gets 552.
            IPEndPoint endPoint = server.Listeners[0].EndPoint;
            (RawFtpClient first, Socket firstData) = await StartStorAsync(endPoint, account, "first.bin");
            (RawFtpClient second, Socket secondData) = await StartStorAsync(endPoint, account, "second.bin");
            await using (first)
            await using (second)
            using (firstData)
            using (secondData)
            {
                await firstData.SendAsync(new byte[Half], SocketFlags.None);
                await secondData.SendAsync(new byte[Half], SocketFlags.None);
                await RawFtpClient.SendExpectingCutAsync(firstData, Half);
                Assert.Equal("226 Transfer complete.", (await first.ReadReplyAsync()).ToString());
                await RawFtpClient.SendExpectingCutAsync(secondData, Half);
                Assert.Equal("552 Storage quota exceeded.", (await second.ReadReplyAsync()).ToString());
            }

            string home = Path.Combine(fixture.RootDirectory, account.UserName);
            Assert.Equal(["first.bin"], Directory.GetFiles(home, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
            Assert.Equal(2 * Half, new FileInfo(Path.Combine(home, "first.bin")).Length);
            var row = await fixture.Services.FindAccountAsync(account.UserName) ?? throw new InvalidOperationException("No account.");
            Assert.Equal((2L * Half, 1L), (row.UsedBytes, row.UsedFiles));
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteQuotaConcurrencyTests(SqliteFixture fixture) : QuotaConcurrencySuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlQuotaConcurrencyTests(PostgreSqlFixture fixture) : QuotaConcurrencySuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlQuotaConcurrencyTests(MySqlFixture fixture) : QuotaConcurrencySuite(fixture), IClassFixture<MySqlFixture>;
