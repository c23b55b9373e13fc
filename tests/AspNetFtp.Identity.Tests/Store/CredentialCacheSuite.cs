using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Authentication;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// The engine's verified-credential cache over the Identity store, resolved as the server resolves it
/// (<c>IFtpAuthenticator</c> from <c>AddFtpServerWithAccounts</c>), with a counting hasher to see when PBKDF2 runs.
/// </summary>
public abstract class CredentialCacheSuite(DatabaseFixture fixture) : IDisposable
{
    private readonly CountingPasswordHasher _hasher = new();
    private ServiceProvider? _services;

    private IServiceProvider Services => _services ??= fixture.BuildServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(_hasher));

    private IFtpAuthenticator Authenticator => Services.GetRequiredService<IFtpAuthenticator>();

    private Task<FtpAuthenticationResult> LoginAsync(string user, string password) =>
        Authenticator.AuthenticateAsync(TestAccounts.Login(user, password), CancellationToken.None).AsTask();

    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [ProviderFact]
    public void The_server_wraps_the_identity_authenticator_in_the_cache() =>
        Assert.IsType<CachingFtpAuthenticator>(Authenticator);

    [ProviderFact]
    public async Task A_second_login_is_served_from_the_cache_without_hashing()
    {
        SeededAccount seeded = await Services.SeedAsync(permissions: "elr");

        FtpAuthenticationResult first = await LoginAsync(seeded.UserName, seeded.Password);
        int afterFirst = _hasher.Verifications;
        FtpAuthenticationResult second = await LoginAsync(seeded.UserName, seeded.Password);

        Assert.True(first.Succeeded);
        Assert.True(afterFirst >= 1);
        Assert.True(second.Succeeded);
        Assert.Equal(first.User, second.User);
        Assert.Equal(afterFirst, _hasher.Verifications);

        // A wrong password is never served from the cache.
        Assert.False((await LoginAsync(seeded.UserName, seeded.Password + "x")).Succeeded);
        Assert.True(_hasher.Verifications > afterFirst);
    }

    [ProviderFact]
    public async Task A_password_change_takes_effect_on_the_very_next_login()
    {
        SeededAccount seeded = await Services.SeedAsync();
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);

        const string newPassword = "N3w!password";
        IdentityResult changed = await Services.WithStoreAsync(async (_, users) =>
            await users.ChangePasswordAsync((await users.FindByNameAsync(seeded.UserName))!, seeded.Password, newPassword));
        Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Select(e => e.Description)));

        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(seeded.UserName, seeded.Password)).Status);
        Assert.True((await LoginAsync(seeded.UserName, newPassword)).Succeeded);
        int verifications = _hasher.Verifications;
        Assert.True((await LoginAsync(seeded.UserName, newPassword)).Succeeded);
        Assert.Equal(verifications, _hasher.Verifications);
    }

    [ProviderFact]
    public async Task A_password_reset_by_an_administrator_takes_effect_on_the_very_next_login()
    {
        SeededAccount seeded = await Services.SeedAsync();
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);

        const string newPassword = "R3set!password";
        IdentityResult reset = await Services.WithStoreAsync(async (_, users) =>
        {
            AppUser user = (await users.FindByNameAsync(seeded.UserName))!;
            IdentityResult removed = await users.RemovePasswordAsync(user);
            return removed.Succeeded ? await users.AddPasswordAsync(user, newPassword) : removed;
        });
        Assert.True(reset.Succeeded, string.Join("; ", reset.Errors.Select(e => e.Description)));

        Assert.False((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);
        Assert.True((await LoginAsync(seeded.UserName, newPassword)).Succeeded);
    }

    [ProviderFact]
    public async Task Lockout_takes_effect_on_the_very_next_login()
    {
        SeededAccount seeded = await Services.SeedAsync();
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);

        await Services.WithStoreAsync(async (_, users) =>
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(seeded.UserName))!, DateTimeOffset.UtcNow.AddMinutes(5)));

        Assert.Equal(FtpAuthenticationStatus.LockedOut, (await LoginAsync(seeded.UserName, seeded.Password)).Status);
    }

    [ProviderFact]
    public async Task A_revoked_app_password_is_refused_on_the_very_next_login()
    {
        SeededAccount seeded = await Services.SeedAsync();
        string appPassword = TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "scanner")));
        Assert.True((await LoginAsync(seeded.UserName, appPassword)).Succeeded);
        int verifications = _hasher.Verifications;
        Assert.True((await LoginAsync(seeded.UserName, appPassword)).Succeeded);
        Assert.Equal(verifications, _hasher.Verifications);

        Assert.True((await Services.ManageAsync(m => m.DeleteAppPasswordAsync(seeded.UserName, "scanner"))).Succeeded);

        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(seeded.UserName, appPassword)).Status);
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);
    }

    [ProviderFact]
    public async Task A_group_permission_change_takes_effect_on_the_very_next_login()
    {
        SeededAccount seeded = await Services.SeedAsync(permissions: "elr");
        Assert.Equal(FtpPermissions.ChangeDirectory | FtpPermissions.List | FtpPermissions.Read, (await LoginAsync(seeded.UserName, seeded.Password)).User!.Permissions);

        TestAccounts.Check(await Services.ManageAsync(m => m.UpdateGroupAsync(seeded.GroupName, null, null, "lw", null)));

        Assert.Equal(FtpPermissions.List | FtpPermissions.Write, (await LoginAsync(seeded.UserName, seeded.Password)).User!.Permissions);
    }

    [ProviderFact]
    public async Task An_account_home_change_takes_effect_on_the_very_next_login()
    {
        SeededAccount seeded = await Services.SeedAsync();
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);
        string home = Path.Combine(Path.GetTempPath(), "elsewhere", "{username}");

        TestAccounts.Check(await Services.ManageAsync(m => m.UpdateAccountAsync(seeded.UserName, null, home)));

        Assert.Equal(home.Replace("{username}", seeded.UserName, StringComparison.Ordinal), (await LoginAsync(seeded.UserName, seeded.Password)).User!.HomeDirectory);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteCredentialCacheTests(SqliteFixture fixture) : CredentialCacheSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlCredentialCacheTests(PostgreSqlFixture fixture) : CredentialCacheSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlCredentialCacheTests(MySqlFixture fixture) : CredentialCacheSuite(fixture), IClassFixture<MySqlFixture>;
