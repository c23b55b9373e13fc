using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Security issue 6, item 2: every refused login costs exactly one hash, made with the application's own hasher
/// settings, whatever the reason, so neither timing nor work tells user names or reasons apart.
/// </summary>
public abstract class LoginCostSuite(DatabaseFixture fixture) : IDisposable
{
    // Not Identity's default (100,000): a stand-in made by any other hasher would show.
    private const int Iterations = 2_000;
    private readonly CountingPasswordHasher _hasher = new(Iterations);
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

    /// <summary>Logs in once and returns the one hash verified; fails unless exactly one was.</summary>
    private async Task<string> RefusedWithOneHashAsync(string user, string password)
    {
        int before = _hasher.Verifications;
        FtpAuthenticationResult result = await LoginAsync(user, password);
        Assert.False(result.Succeeded, $"{user} logged in");
        Assert.Equal(1, _hasher.Verifications - before);
        return _hasher.VerifiedHashes[^1];
    }

    private async Task<List<string>> CreateAppPasswordsAsync(string user, int count)
    {
        var passwords = new List<string>();
        for (int i = 0; i < count; i++)
        {
            passwords.Add(TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(user, "client" + i))));
        }

        return passwords;
    }

    [ProviderFact]
    public async Task Every_refused_login_verifies_exactly_one_hash_whatever_the_reason()
    {
        SeededAccount plain = await Services.SeedAsync();
        SeededAccount withAppPasswords = await Services.SeedAsync();
        List<string> appPasswords = await CreateAppPasswordsAsync(withAppPasswords.UserName, 5);
        SeededAccount appPasswordsOnly = await Services.SeedAsync(appPasswordsOnly: true);
        await CreateAppPasswordsAsync(appPasswordsOnly.UserName, 5);
        SeededAccount locked = await Services.SeedAsync();
        await Services.WithStoreAsync(async (_, users) =>
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(locked.UserName))!, DateTimeOffset.UtcNow.AddHours(1)));
        string webOnly = Scratch.Name("web");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateUserAsync(webOnly, null, TestAccounts.Password)));

        await RefusedWithOneHashAsync(Scratch.Name("ghost"), TestAccounts.Password);
        await RefusedWithOneHashAsync(locked.UserName, locked.Password);
        await RefusedWithOneHashAsync(webOnly, TestAccounts.Password);
        await RefusedWithOneHashAsync(plain.UserName, "Wrong!pass");
        await RefusedWithOneHashAsync(withAppPasswords.UserName, "Wrong!pass");
        await RefusedWithOneHashAsync(withAppPasswords.UserName, appPasswords[2][..^1] + (appPasswords[2][^1] == 'a' ? 'b' : 'a'));
        await RefusedWithOneHashAsync(appPasswordsOnly.UserName, appPasswordsOnly.Password);
    }

    [ProviderFact]
    public async Task The_stand_in_hash_is_made_by_the_applications_hasher_with_its_iteration_count()
    {
        SeededAccount locked = await Services.SeedAsync();
        await Services.WithStoreAsync(async (_, users) =>
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(locked.UserName))!, DateTimeOffset.UtcNow.AddHours(1)));
        string webOnly = Scratch.Name("web");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateUserAsync(webOnly, null, TestAccounts.Password)));

        foreach (string standIn in new[]
        {
            await RefusedWithOneHashAsync(Scratch.Name("ghost"), TestAccounts.Password),
            await RefusedWithOneHashAsync(locked.UserName, locked.Password),
            await RefusedWithOneHashAsync(webOnly, TestAccounts.Password),
        })
        {
            Assert.True(_hasher.Made(standIn), "the stand-in was not made by the configured hasher");
            Assert.Equal(Iterations, CountingPasswordHasher.IterationsOf(standIn));
        }
    }

    [ProviderFact]
    public async Task An_app_password_carries_its_id_and_logs_in_with_one_hash_among_five()
    {
        SeededAccount seeded = await Services.SeedAsync();
        List<string> appPasswords = await CreateAppPasswordsAsync(seeded.UserName, 5);
        Assert.All(appPasswords, p => Assert.Matches("^ftp-[1-9][0-9]*-[a-z2-9]{4}(-[a-z2-9]{4}){5}$", p));

        int before = _hasher.Verifications;
        FtpAuthenticationResult result = await LoginAsync(seeded.UserName, appPasswords[3]);

        Assert.Equal(FtpAuthenticationStatus.Succeeded, result.Status);
        Assert.Equal(1, _hasher.Verifications - before);
    }

    [ProviderFact]
    public async Task An_app_password_of_another_account_does_not_log_in()
    {
        SeededAccount owner = await Services.SeedAsync();
        SeededAccount other = await Services.SeedAsync();
        string ownersPassword = (await CreateAppPasswordsAsync(owner.UserName, 1))[0];

        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(other.UserName, ownersPassword)).Status);
        Assert.True((await LoginAsync(owner.UserName, ownersPassword)).Succeeded);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteLoginCostTests(SqliteFixture fixture) : LoginCostSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlLoginCostTests(PostgreSqlFixture fixture) : LoginCostSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlLoginCostTests(MySqlFixture fixture) : LoginCostSuite(fixture), IClassFixture<MySqlFixture>;
