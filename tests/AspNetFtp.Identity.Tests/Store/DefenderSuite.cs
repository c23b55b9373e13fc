using System.Net;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// The defender's bans in the database (<c>FtpBans</c>): two servers on one database see each other's bans and lifts
/// after their refresh, a ban outlives a restart, and the defender works beside Identity's per-account lockout.
/// Servers resolved as an application resolves them, real sessions over loopback, on each provider. Each test uses
/// client addresses of its own (the database is the fixture's, shared by the class).
/// </summary>
public abstract class DefenderSuite(DatabaseFixture fixture)
{
    private const string BannedReply = "421 Service not available: this address is banned.";

    private sealed record Running(ServiceProvider Services, FtpServer Server) : IAsyncDisposable
    {
        public IPEndPoint EndPoint => Server.Listeners[0].EndPoint;

        public FtpDefender Defender => Services.GetRequiredService<FtpDefender>();

        public async ValueTask DisposeAsync()
        {
            await Server.StopAsync(CancellationToken.None);
            await Services.DisposeAsync();
        }
    }

    private async Task<Running> StartAsync()
    {
        ServiceProvider services = fixture.BuildServices(settings: new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
            ["FtpServer:Defender:Enabled"] = "true",
            ["FtpServer:Defender:RefreshInterval"] = "00:00:00.100",
            // Probing connections (to see a ban arrive) must not score themselves.
            ["FtpServer:Defender:ConnectionWithoutLoginWeight"] = "0",
        });
        FtpServer server = services.GetRequiredService<FtpServer>();
        await server.StartAsync(CancellationToken.None);
        return new Running(services, server);
    }

    /// <summary>The first reply a connection from <paramref name="from"/> gets: the 220 greeting or the 421 of a ban.</summary>
    private static async Task<string> GreetingAsync(Running running, IPAddress from)
    {
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(running.EndPoint, from);
        return (await client.ReadReplyAsync()).ToString();
    }

    /// <summary>Connects from <paramref name="from"/> until the greeting starts with <paramref name="code"/> (at most 10 s).</summary>
    private static async Task<string> WaitForGreetingAsync(Running running, IPAddress from, string code)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            string greeting = await GreetingAsync(running, from);
            if (greeting.StartsWith(code, StringComparison.Ordinal))
            {
                return greeting;
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    [ProviderFact]
    public async Task A_ban_made_by_one_server_is_enforced_by_the_other_on_the_same_database_after_its_refresh()
    {
        IPAddress guesser = IPAddress.Parse("127.0.0.11");
        await using Running first = await StartAsync();
        await using Running second = await StartAsync();
        SeededAccount account = await first.Services.SeedAsync();
        Assert.StartsWith("220", await GreetingAsync(second, guesser), StringComparison.Ordinal);

        for (int session = 0; session < 2; session++)
        {
            await using RawFtpClient client = await RawFtpClient.ConnectAsync(first.EndPoint, guesser);
            await client.ReadReplyAsync();
            for (int i = 0; i < (session == 0 ? 3 : 2); i++)
            {
                await client.ExpectAsync("USER " + account.UserName, 331);
                await client.ExpectAsync("PASS wrong" + i, 530);
            }
        }

        Assert.Equal(BannedReply, await GreetingAsync(first, guesser));
        Assert.Equal(BannedReply, await WaitForGreetingAsync(second, guesser, "421"));
        Assert.StartsWith("220", await GreetingAsync(second, IPAddress.Parse("127.0.0.12")), StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task A_ban_survives_a_restart_of_the_server_through_the_database()
    {
        IPAddress banned = IPAddress.Parse("127.0.0.13");
        await using (Running before = await StartAsync())
        {
            await before.Defender.BanAsync("127.0.0.13", TimeSpan.FromHours(1), "restart test", "tester", CancellationToken.None);
        }

        await using Running after = await StartAsync();

        // The first refresh runs before the first accept: no wait.
        Assert.Equal(BannedReply, await GreetingAsync(after, banned));
        FtpAddressBan ban = Assert.Single(await after.Defender.ListActiveAsync(CancellationToken.None), b => b.Address == "127.0.0.13");
        Assert.Equal(("restart test", "tester", 1), (ban.Reason, ban.CreatedBy, ban.Offences));
    }

    [ProviderFact]
    public async Task A_lift_on_one_server_lets_the_address_in_on_the_other_after_its_refresh()
    {
        IPAddress banned = IPAddress.Parse("127.0.0.14");
        await using Running first = await StartAsync();
        await using Running second = await StartAsync();
        await first.Defender.BanAsync("127.0.0.14", null, "lift test", "tester", CancellationToken.None);
        Assert.Equal(BannedReply, await WaitForGreetingAsync(second, banned, "421"));

        Assert.True(await first.Defender.LiftAsync("127.0.0.14", "tester", CancellationToken.None));

        Assert.StartsWith("220", await GreetingAsync(first, banned), StringComparison.Ordinal);
        Assert.StartsWith("220", await WaitForGreetingAsync(second, banned, "220"), StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task The_store_keeps_one_row_per_address_and_forgets_only_bans_that_ended_before_the_given_time()
    {
        // No server running: its refresh would forget the old ban before the test does.
        await using ServiceProvider services = fixture.BuildServices();
        IFtpBanStore store = services.GetRequiredService<IFtpBanStore>();
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await store.SaveAsync(new FtpAddressBan("198.51.100.0/24", "first", now, now.AddMinutes(30), 1, null), CancellationToken.None);
        await store.SaveAsync(new FtpAddressBan("198.51.100.0/24", "second", now, now.AddMinutes(60), 2, "root"), CancellationToken.None);
        await store.SaveAsync(new FtpAddressBan("2001:db8::/64", "old", now.AddDays(-3), now.AddDays(-2), 1, null), CancellationToken.None);

        Assert.Equal(new FtpAddressBan("198.51.100.0/24", "second", now, now.AddMinutes(60), 2, "root"),
            await store.FindAsync("198.51.100.0/24", CancellationToken.None));
        Assert.Equal(["198.51.100.0/24"], (await store.ListAsync(now, CancellationToken.None)).Select(b => b.Address).Where(a => !a.StartsWith("127.", StringComparison.Ordinal)));
        Assert.Equal(1, await store.ForgetAsync(now.AddDays(-1), CancellationToken.None));
        Assert.Null(await store.FindAsync("2001:db8::/64", CancellationToken.None));
        Assert.True(await store.LiftAsync("198.51.100.0/24", CancellationToken.None));
        Assert.False(await store.LiftAsync("198.51.100.0/24", CancellationToken.None));
    }

    [ProviderFact]
    public async Task Wrong_passwords_both_lock_the_account_and_ban_the_guessing_address()
    {
        IPAddress guesser = IPAddress.Parse("127.0.0.15");
        await using Running running = await StartAsync();
        SeededAccount account = await running.Services.SeedAsync();
        for (int session = 0; session < 2; session++)
        {
            await using RawFtpClient client = await RawFtpClient.ConnectAsync(running.EndPoint, guesser);
            await client.ReadReplyAsync();
            for (int i = 0; i < (session == 0 ? 3 : 2); i++)
            {
                await client.ExpectAsync("USER " + account.UserName, 331);
                await client.ExpectAsync("PASS wrong" + i, 530);
            }
        }

        // The address is banned (the defender)...
        Assert.Equal(BannedReply, await GreetingAsync(running, guesser));
        // ...and the account locked (Identity's lockout after five failures): the right password is refused from anywhere.
        await using RawFtpClient owner = await RawFtpClient.ConnectAsync(running.EndPoint, IPAddress.Parse("127.0.0.16"));
        Assert.Equal(220, (await owner.ReadReplyAsync()).Code);
        await owner.ExpectAsync("USER " + account.UserName, 331);
        await owner.ExpectAsync("PASS " + account.Password, 530);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteDefenderTests(SqliteFixture fixture) : DefenderSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlDefenderTests(PostgreSqlFixture fixture) : DefenderSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlDefenderTests(MySqlFixture fixture) : DefenderSuite(fixture), IClassFixture<MySqlFixture>;
