using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Security issue 6, item 3: the FTP port cannot lock web users out of the web app. Users without an FTP account
/// are never counted; whether FTP account holders' failures count is <c>FtpServer:CountFailuresTowardLockout</c>.
/// </summary>
public abstract class SharedLockoutSuite(DatabaseFixture fixture) : IDisposable
{
    private readonly List<ServiceProvider> _containers = [];

    private IServiceProvider Build(IReadOnlyDictionary<string, string?>? settings = null)
    {
        ServiceProvider services = fixture.BuildServices(s => s.AddWebSignIn(), settings);
        _containers.Add(services);
        return services;
    }

    private static Task<FtpAuthenticationResult> LoginAsync(IServiceProvider services, string user, string password) =>
        services.GetRequiredService<IdentityFtpAuthenticator<AppUser, AppDbContext>>()
            .AuthenticateAsync(TestAccounts.Login(user, password), CancellationToken.None).AsTask();

    public void Dispose()
    {
        _containers.ForEach(c => c.Dispose());
        GC.SuppressFinalize(this);
    }

    [ProviderFact]
    public async Task Wrong_FTP_passwords_for_a_web_user_without_an_FTP_account_never_touch_the_web_login()
    {
        IServiceProvider services = Build();
        string webOnly = Scratch.Name("web");
        TestAccounts.Check(await services.ManageAsync(m => m.CreateUserAsync(webOnly, null, TestAccounts.Password)));
        string stampBefore = (await services.FindUserAsync(webOnly)).ConcurrencyStamp!;

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await LoginAsync(services, webOnly, "Wrong!pass" + i)).Status);
        }

        AppUser user = await services.FindUserAsync(webOnly);
        Assert.Equal(0, user.AccessFailedCount);
        Assert.Null(user.LockoutEnd);
        Assert.Equal(stampBefore, user.ConcurrencyStamp);
        Assert.Equal(SignInResult.Success, await services.CheckWebSignInAsync(webOnly, TestAccounts.Password));
    }

    [ProviderFact]
    public async Task With_CountFailuresTowardLockout_off_an_FTP_account_holders_failures_do_not_count()
    {
        IServiceProvider services = Build(new Dictionary<string, string?> { ["FtpServer:CountFailuresTowardLockout"] = "false" });
        SeededAccount seeded = await services.SeedAsync();

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(services, seeded.UserName, "Wrong!pass" + i)).Status);
        }

        AppUser user = await services.FindUserAsync(seeded.UserName);
        Assert.Equal(0, user.AccessFailedCount);
        Assert.Null(user.LockoutEnd);
        Assert.True((await LoginAsync(services, seeded.UserName, seeded.Password)).Succeeded);
        Assert.Equal(SignInResult.Success, await services.CheckWebSignInAsync(seeded.UserName, seeded.Password));
    }

    [ProviderFact]
    public async Task With_CountFailuresTowardLockout_off_a_lockout_from_the_web_app_still_refuses_FTP_logins()
    {
        IServiceProvider services = Build(new Dictionary<string, string?> { ["FtpServer:CountFailuresTowardLockout"] = "false" });
        SeededAccount seeded = await services.SeedAsync();
        for (int i = 0; i < 5; i++)
        {
            Assert.False((await services.CheckWebSignInAsync(seeded.UserName, "Wrong!pass" + i)).Succeeded);
        }

        Assert.Equal(FtpAuthenticationStatus.LockedOut, (await LoginAsync(services, seeded.UserName, seeded.Password)).Status);
    }

    [ProviderFact]
    public async Task By_default_an_FTP_account_holders_failures_lock_the_web_login_too()
    {
        IServiceProvider services = Build();
        SeededAccount seeded = await services.SeedAsync();

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(services, seeded.UserName, "Wrong!pass" + i)).Status);
        }

        Assert.Equal(SignInResult.LockedOut, await services.CheckWebSignInAsync(seeded.UserName, seeded.Password));
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteSharedLockoutTests(SqliteFixture fixture) : SharedLockoutSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlSharedLockoutTests(PostgreSqlFixture fixture) : SharedLockoutSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlSharedLockoutTests(MySqlFixture fixture) : SharedLockoutSuite(fixture), IClassFixture<MySqlFixture>;
