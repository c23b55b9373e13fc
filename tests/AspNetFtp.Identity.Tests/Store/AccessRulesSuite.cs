using System.Net;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Allowed/denied addresses of groups and accounts and account expiry, checked before the password with one stand-in
/// hash like every other refusal; directory rules reaching the login snapshot; values checked when saved.
/// </summary>
public abstract class AccessRulesSuite(DatabaseFixture fixture) : IDisposable
{
    private const int Iterations = 2_000;
    private static readonly IPAddress Home = IPAddress.Loopback;
    private static readonly IPAddress Foreign = IPAddress.Parse("127.0.0.2");
    private readonly CountingPasswordHasher _hasher = new(Iterations);
    private ServiceProvider? _services;

    private IServiceProvider Services => _services ??= fixture.BuildServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(_hasher));

    private IdentityFtpAuthenticator<AppUser, AppDbContext> Authenticator => Services.GetRequiredService<IdentityFtpAuthenticator<AppUser, AppDbContext>>();

    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    private Task<FtpAuthenticationResult> LoginAsync(SeededAccount account, IPAddress from, string? password = null) =>
        Authenticator.AuthenticateAsync(new FtpLoginRequest(account.UserName, password ?? account.Password, new IPEndPoint(from, 50000)), CancellationToken.None).AsTask();

    private async Task<FtpAuthenticationResult> RefusedWithOneHashAsync(SeededAccount account, IPAddress from)
    {
        string? real = await Services.WithStoreAsync(async (_, users) => (await users.FindByNameAsync(account.UserName))!.PasswordHash);
        int before = _hasher.Verifications;
        FtpAuthenticationResult result = await LoginAsync(account, from);
        Assert.Equal(1, _hasher.Verifications - before);
        Assert.NotEqual(real, _hasher.VerifiedHashes[^1]); // a stand-in: the password itself was never tested
        return result;
    }

    private Task SetAsync(FtpAccessScope scope, string name, string? allow, string? deny, bool setExpiry = false, DateTime? expires = null) =>
        Services.ManageAsync(async m => TestAccounts.Check(await m.SetAccessRulesAsync(scope, name, allow, deny, setExpiry, expires)));

    [ProviderFact]
    public async Task An_address_outside_the_accounts_allowed_list_is_refused_before_the_password_with_one_stand_in_hash()
    {
        SeededAccount account = await Services.SeedAsync();
        await SetAsync(FtpAccessScope.Account, account.UserName, "127.0.0.1", null);

        FtpAuthenticationResult foreign = await RefusedWithOneHashAsync(account, Foreign);

        Assert.Equal(FtpAuthenticationStatus.NotAllowed, foreign.Status);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, (await LoginAsync(account, Home)).Status);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, (await LoginAsync(account, Home.MapToIPv6())).Status);
    }

    [ProviderFact]
    public async Task The_groups_denied_list_wins_over_the_accounts_allowed_list()
    {
        SeededAccount account = await Services.SeedAsync();
        await SetAsync(FtpAccessScope.Account, account.UserName, "127.0.0.0/8", null);
        await SetAsync(FtpAccessScope.Group, account.GroupName, null, "127.0.0.2");

        Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await RefusedWithOneHashAsync(account, Foreign)).Status);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, (await LoginAsync(account, Home)).Status);
    }

    [ProviderFact]
    public async Task Both_the_groups_and_the_accounts_allowed_lists_must_match()
    {
        SeededAccount account = await Services.SeedAsync();
        await SetAsync(FtpAccessScope.Group, account.GroupName, "127.0.0.0/8", null);
        await SetAsync(FtpAccessScope.Account, account.UserName, "::ffff:127.0.0.1", null);

        Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await RefusedWithOneHashAsync(account, Foreign)).Status);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, (await LoginAsync(account, Home)).Status);
    }

    [ProviderFact]
    public async Task A_refused_address_never_learns_whether_the_password_was_right()
    {
        SeededAccount account = await Services.SeedAsync();
        await SetAsync(FtpAccessScope.Account, account.UserName, "127.0.0.1", null);

        FtpAuthenticationResult right = await LoginAsync(account, Foreign);
        FtpAuthenticationResult wrong = await LoginAsync(account, Foreign, "Wrong!pass");

        Assert.Equal(right.Status, wrong.Status);
    }

    [ProviderFact]
    public async Task An_expired_account_is_refused_with_one_stand_in_hash_and_its_sessions_lose_their_stamp()
    {
        SeededAccount expired = await Services.SeedAsync();
        SeededAccount current = await Services.SeedAsync();
        await SetAsync(FtpAccessScope.Account, expired.UserName, null, null, setExpiry: true, DateTime.UtcNow.AddMinutes(-1));
        await SetAsync(FtpAccessScope.Account, current.UserName, null, null, setExpiry: true, DateTime.UtcNow.AddDays(1));

        Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await RefusedWithOneHashAsync(expired, Home)).Status);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, (await LoginAsync(current, Home)).Status);
        IReadOnlyDictionary<string, string> stamps = await Authenticator.GetAccountStampsAsync([expired.UserName, current.UserName], CancellationToken.None);
        Assert.Equal([current.UserName], stamps.Keys);
    }

    [ProviderFact]
    public async Task A_change_of_the_address_lists_or_the_expiry_changes_the_credential_version()
    {
        SeededAccount account = await Services.SeedAsync();
        string? before = await Authenticator.GetCredentialVersionAsync(account.UserName, CancellationToken.None);
        await SetAsync(FtpAccessScope.Group, account.GroupName, "127.0.0.1", null);
        string? afterGroup = await Authenticator.GetCredentialVersionAsync(account.UserName, CancellationToken.None);
        await SetAsync(FtpAccessScope.Account, account.UserName, null, null, setExpiry: true, DateTime.UtcNow.AddDays(1));
        string? afterExpiry = await Authenticator.GetCredentialVersionAsync(account.UserName, CancellationToken.None);

        Assert.NotNull(before);
        Assert.NotEqual(before, afterGroup);
        Assert.NotEqual(afterGroup, afterExpiry);
    }

    [ProviderFact]
    public async Task Directory_rules_of_the_group_and_the_account_reach_the_login_snapshot_the_accounts_replacing_the_groups()
    {
        SeededAccount account = await Services.SeedAsync();
        await Services.ManageAsync(async m =>
        {
            TestAccounts.Check(await m.SetDirectoryRuleAsync(FtpAccessScope.Group, account.GroupName, "/incoming/archive", "elr"));
            TestAccounts.Check(await m.SetDirectoryRuleAsync(FtpAccessScope.Group, account.GroupName, "/drop", "w"));
            return TestAccounts.Check(await m.SetDirectoryRuleAsync(FtpAccessScope.Account, account.UserName, "/drop/", "ew"));
        });

        FtpUser user = (await LoginAsync(account, Home)).User!;

        Assert.Equal(
            [("/drop", "ew"), ("/incoming/archive", "elr")],
            user.DirectoryPermissions.Select(r => (r.Path, FtpPermissionLetters.ToLetters(r.Permissions))).OrderBy(r => r.Path, StringComparer.Ordinal));
    }

    [ProviderFact]
    public async Task Bad_values_are_refused_when_saved_naming_them_and_nothing_is_written()
    {
        SeededAccount account = await Services.SeedAsync();

        FtpAccountResult<FtpAccessSummary> badCidr = await Services.ManageAsync(m => m.SetAccessRulesAsync(FtpAccessScope.Group, account.GroupName, "10.0.0.0/8, 10.0.0.1/8", null, false, null));
        FtpAccountResult<FtpAccessSummary> groupExpiry = await Services.ManageAsync(m => m.SetAccessRulesAsync(FtpAccessScope.Group, account.GroupName, null, null, true, DateTime.UtcNow));
        FtpAccountResult<(FtpDirectoryRuleSummary, bool)> badPath = await Services.ManageAsync(m => m.SetDirectoryRuleAsync(FtpAccessScope.Group, account.GroupName, "incoming", "elr"));
        FtpAccountResult<(FtpDirectoryRuleSummary, bool)> badLetter = await Services.ManageAsync(m => m.SetDirectoryRuleAsync(FtpAccessScope.Group, account.GroupName, "/in", "elrq"));

        Assert.Equal(("allowed addresses: '10.0.0.1/8' is not an IP address or a CIDR network (such as 192.0.2.7, 10.0.0.0/8 or 2001:db8::/32)", "allowedAddresses"), (badCidr.Error, badCidr.Field));
        Assert.Equal("expiresUtc", groupExpiry.Field);
        Assert.Equal("path", badPath.Field);
        Assert.Contains("'q'", badLetter.Error, StringComparison.Ordinal);
        FtpAccessSummary access = TestAccounts.Check(await Services.ManageAsync(m => m.GetAccessAsync(FtpAccessScope.Group, account.GroupName)));
        Assert.Equal((null, null, 0), (access.AllowedAddresses, access.DeniedAddresses, access.DirectoryRules.Count));
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAccessRulesTests(SqliteFixture fixture) : AccessRulesSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAccessRulesTests(PostgreSqlFixture fixture) : AccessRulesSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAccessRulesTests(MySqlFixture fixture) : AccessRulesSuite(fixture), IClassFixture<MySqlFixture>;
