using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Security issue 6, item 4: FTP logins obey the app's sign-in rules (confirmed account, e-mail, phone number), checked
/// before the password like SignInManager does: one stand-in hash, nothing counted, the same status whatever the password.
/// </summary>
public abstract class SignInRulesSuite(DatabaseFixture fixture) : IDisposable
{
    private const string BlockedPhone = "+15550199";
    private readonly CountingPasswordHasher _hasher = new();
    private readonly List<ServiceProvider> _containers = [];

    private IServiceProvider Build(string? rule, Action<IServiceCollection>? configure = null)
    {
        ServiceProvider services = fixture.BuildServices(s =>
        {
            s.AddSingleton<IPasswordHasher<AppUser>>(_hasher);
            configure?.Invoke(s);
        }, rule is null ? null : new Dictionary<string, string?> { [$"Identity:SignIn:{rule}"] = "true" });
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

    private static async Task<IdentityResult> ChangeUserAsync(IServiceProvider services, string userName, Action<AppUser> change) =>
        await services.WithStoreAsync(async (_, users) =>
        {
            AppUser user = (await users.FindByNameAsync(userName))!;
            change(user);
            return await users.UpdateAsync(user);
        });

    /// <summary>
    /// A new account (changed by <paramref name="block"/>) is refused before the password (right or wrong: same
    /// status, one hash, nothing counted), and admitted once <paramref name="admit"/> ran.
    /// </summary>
    private async Task RefusedUntilAsync(IServiceProvider services, Action<AppUser> admit, Action<AppUser>? block = null)
    {
        SeededAccount seeded = await services.SeedAsync();
        if (block is not null)
        {
            Assert.True((await ChangeUserAsync(services, seeded.UserName, block)).Succeeded);
        }

        foreach (string password in new[] { seeded.Password, "Wrong!pass" })
        {
            int before = _hasher.Verifications;
            Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await LoginAsync(services, seeded.UserName, password)).Status);
            Assert.Equal(1, _hasher.Verifications - before);
        }

        Assert.Equal(0, (await services.FindUserAsync(seeded.UserName)).AccessFailedCount);
        Assert.True((await ChangeUserAsync(services, seeded.UserName, admit)).Succeeded);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, (await LoginAsync(services, seeded.UserName, seeded.Password)).Status);
    }

    [ProviderFact]
    public Task RequireConfirmedEmail_refuses_an_unconfirmed_e_mail_until_it_is_confirmed() =>
        RefusedUntilAsync(Build(nameof(SignInOptions.RequireConfirmedEmail)), u => u.EmailConfirmed = true);

    [ProviderFact]
    public Task RequireConfirmedPhoneNumber_refuses_an_unconfirmed_phone_number_until_it_is_confirmed() =>
        RefusedUntilAsync(Build(nameof(SignInOptions.RequireConfirmedPhoneNumber)), u => u.PhoneNumberConfirmed = true);

    [ProviderFact]
    public Task RequireConfirmedAccount_refuses_an_unconfirmed_account_until_it_is_confirmed() =>
        RefusedUntilAsync(Build(nameof(SignInOptions.RequireConfirmedAccount)), u => u.EmailConfirmed = true);

    [ProviderFact]
    public Task An_apps_own_SignInManager_decides_who_may_sign_in() =>
        RefusedUntilAsync(
            Build(null, s => s.AddWebSignIn().AddScoped<SignInManager<AppUser>, PhoneBlockingSignInManager>()),
            admit: u => u.PhoneNumber = null,
            block: u => u.PhoneNumber = BlockedPhone);

    [ProviderFact]
    public async Task Withdrawing_a_confirmation_ends_a_cached_login_at_once()
    {
        IServiceProvider services = Build(nameof(SignInOptions.RequireConfirmedEmail));
        IFtpAuthenticator cached = services.GetRequiredService<IFtpAuthenticator>();
        SeededAccount seeded = await services.SeedAsync();
        Assert.True((await ChangeUserAsync(services, seeded.UserName, u => u.EmailConfirmed = true)).Succeeded);
        for (int i = 0; i < 2; i++)
        {
            Assert.True((await cached.AuthenticateAsync(TestAccounts.Login(seeded.UserName, seeded.Password), CancellationToken.None)).Succeeded);
        }

        Assert.True((await ChangeUserAsync(services, seeded.UserName, u => u.EmailConfirmed = false)).Succeeded);

        Assert.Equal(FtpAuthenticationStatus.NotAllowed,
            (await cached.AuthenticateAsync(TestAccounts.Login(seeded.UserName, seeded.Password), CancellationToken.None)).Status);
    }

    /// <summary>An app's override: refuses users whose phone number is <see cref="BlockedPhone"/>.</summary>
    private sealed class PhoneBlockingSignInManager(
        UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> claims, IOptions<IdentityOptions> options,
        ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation)
        : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
    {
        public override async Task<bool> CanSignInAsync(AppUser user) =>
            user.PhoneNumber != BlockedPhone && await base.CanSignInAsync(user);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteSignInRulesTests(SqliteFixture fixture) : SignInRulesSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlSignInRulesTests(PostgreSqlFixture fixture) : SignInRulesSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlSignInRulesTests(MySqlFixture fixture) : SignInRulesSuite(fixture), IClassFixture<MySqlFixture>;
