using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 11: a group names a storage profile, an account may override it. The manager accepts only configured profiles
/// (or, without the server's profiles, a well-formed name), and the login's snapshot carries the account's profile over
/// the group's, through the credential cache, so a change is seen by the very next login.
/// </summary>
public abstract class StorageProfileSuite(DatabaseFixture fixture) : IAsyncLifetime
{
    public const string NotConfigured =
        "storage profile 'tape' is not a configured profile (configured: disk-a, disk-b; FtpServer:Storage:Profiles); 'default' clears it";

    private ServiceProvider? _services;

    private IServiceProvider Services => _services ??= fixture.BuildServices(settings: Profiles(fixture));

    /// <summary>Two <c>Local</c> profiles under the fixture's directory.</summary>
    internal static Dictionary<string, string?> Profiles(DatabaseFixture fixture) => new()
    {
        ["FtpServer:Storage:Profiles:disk-a:Kind"] = "Local",
        ["FtpServer:Storage:Profiles:disk-a:Root"] = Path.Combine(fixture.Directory, "disk-a") + "/{username}",
        ["FtpServer:Storage:Profiles:disk-b:Kind"] = "Local",
        ["FtpServer:Storage:Profiles:disk-b:Root"] = Path.Combine(fixture.Directory, "disk-b") + "/{username}",
    };

    private async Task<string?> LoginStorageAsync(SeededAccount seeded)
    {
        FtpAuthenticationResult result = await Services.GetRequiredService<IFtpAuthenticator>()
            .AuthenticateAsync(TestAccounts.Login(seeded.UserName, seeded.Password), CancellationToken.None);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, result.Status);
        return result.User!.StorageProfile;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The storage profiles are IAsyncDisposable only.
    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [ProviderFact]
    public async Task The_accounts_profile_wins_over_the_groups_and_each_change_is_seen_by_the_next_login_through_the_cache()
    {
        SeededAccount seeded = await Services.SeedAsync();
        Assert.Null(await LoginStorageAsync(seeded));

        TestAccounts.Check(await Services.ManageAsync(m => m.SetGroupStorageAsync(seeded.GroupName, "disk-a")));
        Assert.Equal("disk-a", await LoginStorageAsync(seeded));

        TestAccounts.Check(await Services.ManageAsync(m => m.SetAccountStorageAsync(seeded.UserName, "disk-b")));
        Assert.Equal("disk-b", await LoginStorageAsync(seeded));

        TestAccounts.Check(await Services.ManageAsync(m => m.SetAccountStorageAsync(seeded.UserName, FtpStorageChoice.Inherit)));
        Assert.Equal("disk-a", await LoginStorageAsync(seeded));

        TestAccounts.Check(await Services.ManageAsync(m => m.SetGroupStorageAsync(seeded.GroupName, "DEFAULT")));
        Assert.Null(await LoginStorageAsync(seeded));
        FtpUserAccount stored = (await Services.FindAccountAsync(seeded.UserName))!;
        Assert.Equal(((string?)null, (string?)null), (stored.StorageProfile, stored.Group!.StorageProfile));
    }

    [ProviderFact]
    public async Task A_profile_that_is_not_configured_is_refused_naming_it_and_the_configured_ones_and_nothing_is_written()
    {
        SeededAccount seeded = await Services.SeedAsync();
        TestAccounts.Check(await Services.ManageAsync(m => m.SetGroupStorageAsync(seeded.GroupName, "disk-a")));
        string newGroup = Scratch.Name("g");

        FtpAccountResult<FtpUserGroup> group = await Services.ManageAsync(m => m.SetGroupStorageAsync(seeded.GroupName, "tape"));
        FtpAccountResult<FtpUserAccount> account = await Services.ManageAsync(m => m.SetAccountStorageAsync(seeded.UserName, "default"));
        FtpAccountResult<FtpUserGroup> created = await Services.ManageAsync(m => m.CreateGroupAsync(newGroup, null, "elr", false, "tape"));

        Assert.Equal((false, NotConfigured, "storageProfile"), (group.Succeeded, group.Error, group.Field));
        Assert.Equal(
            (false, "storage profile 'default' is not a configured profile (configured: disk-a, disk-b; FtpServer:Storage:Profiles); 'inherit' clears it", "storageProfile"),
            (account.Succeeded, account.Error, account.Field));
        Assert.Equal((false, NotConfigured), (created.Succeeded, created.Error));
        FtpUserAccount stored = (await Services.FindAccountAsync(seeded.UserName))!;
        Assert.Equal(((string?)null, "disk-a"), (stored.StorageProfile, stored.Group!.StorageProfile));
        Assert.Null(await Services.ManageAsync(m => m.FindGroupAsync(newGroup)));
    }

    [ProviderFact]
    public async Task A_profile_named_in_another_case_is_stored_as_configured()
    {
        SeededAccount seeded = await Services.SeedAsync();

        FtpUserGroup group = TestAccounts.Check(await Services.ManageAsync(m => m.SetGroupStorageAsync(seeded.GroupName, "DISK-B")));

        Assert.Equal("disk-b", group.StorageProfile);
        Assert.Equal("disk-b", (await Services.FindAccountAsync(seeded.UserName))!.Group!.StorageProfile);
    }

    [ProviderFact]
    public async Task Recounting_the_usage_of_an_account_on_a_profile_counts_the_profiles_files_not_the_home_directory()
    {
        SeededAccount seeded = await Services.SeedAsync();
        TestAccounts.Check(await Services.ManageAsync(m => m.SetGroupStorageAsync(seeded.GroupName, "disk-a")));
        string onProfile = Path.Combine(fixture.Directory, "disk-a", seeded.UserName);
        string home = Path.Combine(fixture.RootDirectory, seeded.UserName);
        Directory.CreateDirectory(onProfile);
        Directory.CreateDirectory(home);
        await File.WriteAllBytesAsync(Path.Combine(onProfile, "stored.bin"), new byte[300]);
        await File.WriteAllBytesAsync(Path.Combine(home, "left-behind.bin"), new byte[7000]);

        FtpQuotaUsage usage = TestAccounts.Check(await Services.ManageAsync(m => m.RecountUsageAsync(seeded.UserName)));

        Assert.Equal(new FtpQuotaUsage(300, 1), usage);
    }

    [ProviderFact]
    public async Task Without_the_servers_profiles_a_well_formed_name_is_accepted_and_a_malformed_one_refused()
    {
        SeededAccount seeded = await Services.SeedAsync();

        (FtpAccountResult<FtpUserGroup> accepted, FtpAccountResult<FtpUserGroup> refused) = await Services.WithStoreAsync(async (db, users) =>
        {
            // A manager made by hand, outside the server's container: no FtpStorageProfiles to ask.
            var manager = new FtpAccountManager<AppUser, AppDbContext>(users, db);
            return (await manager.SetGroupStorageAsync(seeded.GroupName, "s3.archive"), await manager.SetGroupStorageAsync(seeded.GroupName, "../etc"));
        });

        Assert.Equal("s3.archive", TestAccounts.Check(accepted).StorageProfile);
        Assert.Equal(
            (false, "storage profile '../etc' is not a profile name (1 to 64 letters, digits, '.', '_' or '-'), nor 'default'"),
            (refused.Succeeded, refused.Error));
        Assert.Equal("s3.archive", (await Services.FindAccountAsync(seeded.UserName))!.Group!.StorageProfile);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteStorageProfileTests(SqliteFixture fixture) : StorageProfileSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlStorageProfileTests(PostgreSqlFixture fixture) : StorageProfileSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlStorageProfileTests(MySqlFixture fixture) : StorageProfileSuite(fixture), IClassFixture<MySqlFixture>;
