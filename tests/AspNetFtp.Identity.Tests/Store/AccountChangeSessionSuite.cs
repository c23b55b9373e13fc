using System.Net;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 8: an open FTP session ends (421) within <c>Timeouts:AccountRecheck</c> once its Identity account changes
/// in the web app (password changed, locked out, deleted); with <c>EndSessionsOnAccountChange=false</c> it stays.
/// Real sessions over loopback against the server resolved as an application resolves it, on each provider.
/// </summary>
public abstract class AccountChangeSessionSuite(DatabaseFixture fixture)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(100);

    private sealed record Running(ServiceProvider Services, FtpServer Server) : IAsyncDisposable
    {
        public IPEndPoint EndPoint => Server.Listeners[0].EndPoint;

        public async ValueTask DisposeAsync()
        {
            await Server.StopAsync(CancellationToken.None);
            await Services.DisposeAsync();
        }
    }

    private async Task<Running> StartAsync(bool endSessions = true)
    {
        Dictionary<string, string?> settings = StorageProfileSuite.Profiles(fixture);
        Directory.CreateDirectory(Path.Combine(fixture.Directory, "disk-a"));
        Directory.CreateDirectory(Path.Combine(fixture.Directory, "disk-b"));
        settings["FtpServer:Host"] = "127.0.0.1";
        settings["FtpServer:Port"] = "0";
        settings["FtpServer:EndSessionsOnAccountChange"] = endSessions ? "true" : "false";
        settings["FtpServer:Timeouts:AccountRecheck"] = "00:00:00.100";
        settings["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00";
        settings["FtpServer:Defender:Enabled"] = "false";
        ServiceProvider services = fixture.BuildServices(settings: settings);
        FtpServer server = services.GetRequiredService<FtpServer>();
        await server.StartAsync(CancellationToken.None);
        return new Running(services, server);
    }

    private async Task<RawFtpClient> LoginAsync(Running running, SeededAccount account)
    {
        Directory.CreateDirectory(Path.Combine(fixture.RootDirectory, account.UserName));
        RawFtpClient client = await RawFtpClient.ConnectAsync(running.EndPoint);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        Assert.Equal(331, (await client.CommandAsync("USER " + account.UserName)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + account.Password)).Code);
        return client;
    }

    private static Task ChangePasswordAsync(IServiceProvider services, SeededAccount account) =>
        services.WithStoreAsync(async (_, users) =>
        {
            IdentityResult changed = await users.ChangePasswordAsync((await users.FindByNameAsync(account.UserName))!, account.Password, "N3w!password");
            Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Select(e => e.Description)));
            return true;
        });

    [ProviderFact]
    public async Task A_password_change_in_the_web_app_ends_the_users_open_session_with_421_and_no_other()
    {
        await using Running running = await StartAsync();
        SeededAccount changed = await running.Services.SeedAsync();
        SeededAccount other = await running.Services.SeedAsync();
        await using RawFtpClient session = await LoginAsync(running, changed);
        await using RawFtpClient bystander = await LoginAsync(running, other);

        await ChangePasswordAsync(running.Services, changed);

        Assert.Equal("421 Account changed; log in again.", (await session.ReadReplyAsync()).ToString());
        Assert.Equal(200, (await bystander.CommandAsync("NOOP")).Code);
    }

    [ProviderFact]
    public async Task Moving_a_group_to_another_storage_profile_ends_its_users_open_session_and_no_other()
    {
        await using Running running = await StartAsync();
        SeededAccount moved = await running.Services.SeedAsync();
        SeededAccount other = await running.Services.SeedAsync();
        await using RawFtpClient session = await LoginAsync(running, moved);
        await using RawFtpClient bystander = await LoginAsync(running, other);

        TestAccounts.Check(await running.Services.ManageAsync(m => m.SetGroupStorageAsync(moved.GroupName, "disk-a")));

        Assert.Equal("421 Account changed; log in again.", (await session.ReadReplyAsync()).ToString());
        Assert.Equal(200, (await bystander.CommandAsync("NOOP")).Code);
    }

    [ProviderFact]
    public async Task A_lockout_set_by_the_web_app_ends_the_open_session()
    {
        await using Running running = await StartAsync();
        SeededAccount seeded = await running.Services.SeedAsync();
        await using RawFtpClient session = await LoginAsync(running, seeded);

        await running.Services.WithStoreAsync(async (_, users) =>
        {
            AppUser user = (await users.FindByNameAsync(seeded.UserName))!;
            Assert.True((await users.SetLockoutEnabledAsync(user, true)).Succeeded);
            return (await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1))).Succeeded;
        });

        Assert.Equal(421, (await session.ReadReplyAsync()).Code);
    }

    [ProviderFact]
    public async Task Deleting_the_user_ends_the_open_session()
    {
        await using Running running = await StartAsync();
        SeededAccount seeded = await running.Services.SeedAsync();
        await using RawFtpClient session = await LoginAsync(running, seeded);

        await running.Services.WithStoreAsync(async (_, users) => (await users.DeleteAsync((await users.FindByNameAsync(seeded.UserName))!)).Succeeded);

        Assert.Equal(421, (await session.ReadReplyAsync()).Code);
    }

    [ProviderFact]
    public async Task With_EndSessionsOnAccountChange_off_a_password_change_leaves_the_open_session()
    {
        await using Running running = await StartAsync(endSessions: false);
        SeededAccount seeded = await running.Services.SeedAsync();
        await using RawFtpClient session = await LoginAsync(running, seeded);

        await ChangePasswordAsync(running.Services, seeded);

        // Ten recheck intervals, each followed by a command on the session: none is answered 421.
        for (int i = 0; i < 10; i++)
        {
            await Task.Delay(Recheck);
            Assert.Equal(200, (await session.CommandAsync("NOOP")).Code);
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAccountChangeSessionTests(SqliteFixture fixture) : AccountChangeSessionSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAccountChangeSessionTests(PostgreSqlFixture fixture) : AccountChangeSessionSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAccountChangeSessionTests(MySqlFixture fixture) : AccountChangeSessionSuite(fixture), IClassFixture<MySqlFixture>;
