using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Security issue 6, item 1: wrong passwords sent at the same moment from several connections are each counted,
/// and the lockout is decided before a password is checked.
/// </summary>
public abstract class LockoutConcurrencySuite(DatabaseFixture fixture) : IDisposable
{
    private const int Attempts = 8;
    private const int MaxFailedAccessAttempts = 5;
    private readonly CountingPasswordHasher _hasher = new();
    private ServiceProvider? _services;

    private IServiceProvider Services => _services ??= fixture.BuildServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(_hasher));

    private IdentityFtpAuthenticator<AppUser, AppDbContext> Authenticator => Services.GetRequiredService<IdentityFtpAuthenticator<AppUser, AppDbContext>>();

    private Task<FtpAuthenticationResult> LoginAsync(string user, string password) =>
        Authenticator.AuthenticateAsync(TestAccounts.Login(user, password), CancellationToken.None).AsTask();

    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [ProviderFact]
    public async Task Eight_wrong_passwords_at_once_lock_the_account_after_exactly_five_checked_and_the_right_password_is_then_refused()
    {
        SeededAccount seeded = await Services.SeedAsync();
        string realHash = (await Services.FindUserAsync(seeded.UserName)).PasswordHash!;

        FtpAuthenticationResult[] results = await Task.WhenAll(Enumerable.Range(0, Attempts)
            .Select(i => Task.Run(() => LoginAsync(seeded.UserName, "Wrong!pass" + i))));

        Assert.All(results, r => Assert.False(r.Succeeded));
        // One hash per attempt; only the first five are checked against the real password, the rest are refused as locked.
        Assert.Equal(Attempts, _hasher.Verifications);
        Assert.Equal(MaxFailedAccessAttempts, _hasher.VerifiedHashes.Count(h => h == realHash));
        AppUser user = await Services.FindUserAsync(seeded.UserName);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(4), $"LockoutEnd {user.LockoutEnd}");
        Assert.Equal(0, user.AccessFailedCount);

        Assert.Equal(FtpAuthenticationStatus.LockedOut, (await LoginAsync(seeded.UserName, seeded.Password)).Status);
        Assert.Equal(MaxFailedAccessAttempts, _hasher.VerifiedHashes.Count(h => h == realHash));
    }

    [ProviderFact]
    public async Task Failures_below_the_limit_are_all_counted_when_sent_at_once_and_a_success_resets_them()
    {
        SeededAccount seeded = await Services.SeedAsync();

        await Task.WhenAll(Enumerable.Range(0, MaxFailedAccessAttempts - 1)
            .Select(i => Task.Run(() => LoginAsync(seeded.UserName, "Wrong!pass" + i))));

        AppUser user = await Services.FindUserAsync(seeded.UserName);
        Assert.Equal(MaxFailedAccessAttempts - 1, user.AccessFailedCount);
        Assert.Null(user.LockoutEnd);
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);
        Assert.Equal(0, (await Services.FindUserAsync(seeded.UserName)).AccessFailedCount);
    }

    [ProviderFact]
    public async Task A_counted_failure_renews_the_concurrency_stamp_so_the_web_apps_older_copy_cannot_write_the_count_back()
    {
        SeededAccount seeded = await Services.SeedAsync();
        await using AsyncServiceScope web = Services.CreateAsyncScope();
        UserManager<AppUser> webUsers = web.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        AppUser stale = (await webUsers.FindByNameAsync(seeded.UserName))!;

        Assert.False((await LoginAsync(seeded.UserName, "Wrong!pass")).Succeeded);

        stale.PhoneNumber = "+15550100";
        IdentityResult update = await webUsers.UpdateAsync(stale);
        Assert.Equal("ConcurrencyFailure", Assert.Single(update.Errors).Code);
        AppUser fresh = await Services.FindUserAsync(seeded.UserName);
        Assert.Equal(1, fresh.AccessFailedCount);
        Assert.Equal(stale.SecurityStamp, fresh.SecurityStamp);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteLockoutConcurrencyTests(SqliteFixture fixture) : LockoutConcurrencySuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlLockoutConcurrencyTests(PostgreSqlFixture fixture) : LockoutConcurrencySuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlLockoutConcurrencyTests(MySqlFixture fixture) : LockoutConcurrencySuite(fixture), IClassFixture<MySqlFixture>;
