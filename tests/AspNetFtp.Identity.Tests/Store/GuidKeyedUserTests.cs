using System.Net;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>An application whose Identity users have Guid keys uses FTP accounts too (SQLite, in a temp file).</summary>
public sealed class GuidKeyedUserTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aspnetftp-guid-" + Guid.NewGuid().ToString("N")[..12]);
    private ServiceProvider _services = null!;

    public sealed class GuidDbContext(DbContextOptions<GuidDbContext> options)
        : IdentityDbContext<IdentityUser<Guid>, IdentityRole<Guid>, Guid>(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.AddFtpAccounts<IdentityUser<Guid>, Guid, FtpUserAccount<Guid>>();
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FtpServer:RootDirectory"] = Path.Combine(_directory, "ftp"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddDbContext<GuidDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_directory, "app.db")}"));
        services.AddIdentityCore<IdentityUser<Guid>>().AddEntityFrameworkStores<GuidDbContext>();
        // One call registers everything, the account manager included (issue 8).
        services.AddFtpServer(configuration).AddIdentityAccounts<IdentityUser<Guid>, Guid, FtpUserAccount<Guid>, GuidDbContext>();
        _services = services.BuildServiceProvider();
        await using AsyncServiceScope scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GuidDbContext>().Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<T> ManageAsync<T>(Func<FtpAccountManager<IdentityUser<Guid>, Guid, FtpUserAccount<Guid>, GuidDbContext>, Task<T>> action)
    {
        await using AsyncServiceScope scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<FtpAccountManager<IdentityUser<Guid>, Guid, FtpUserAccount<Guid>, GuidDbContext>>());
    }

    private async Task<FtpAuthenticationResult> LoginAsync(string user, string password) =>
        await _services.GetRequiredService<IFtpAuthenticator>().AuthenticateAsync(
            new FtpLoginRequest(user, password, new IPEndPoint(IPAddress.Loopback, 40000)), CancellationToken.None);

    [Fact]
    public async Task A_guid_keyed_user_with_an_ftp_account_logs_in_and_a_wrong_password_does_not()
    {
        Assert.True((await ManageAsync(m => m.CreateUserAsync("gina", null, "Passw0rd!"))).Succeeded);
        Assert.True((await ManageAsync(m => m.CreateGroupAsync("partners", null, "elr"))).Succeeded);
        FtpAccountResult<FtpUserAccount<Guid>> account = await ManageAsync(m => m.CreateAccountAsync("gina", "partners", null));
        Assert.True(account.Succeeded, account.Error);
        Assert.NotEqual(Guid.Empty, account.Value!.UserId);

        FtpAuthenticationResult ok = await LoginAsync("gina", "Passw0rd!");
        FtpAuthenticationResult wrong = await LoginAsync("gina", "nope");

        Assert.True(ok.Succeeded, ok.Status.ToString());
        Assert.Equal(FtpPermissionLetters.Parse("elr"), ok.User!.Permissions);
        Assert.Equal(Path.Combine(_directory, "ftp", "gina"), ok.User.HomeDirectory);
        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, wrong.Status);
    }

    [Fact]
    public async Task One_AddIdentityAccounts_call_registers_the_account_manager_of_a_guid_keyed_app_which_creates_a_group_and_an_account()
    {
        await using AsyncServiceScope scope = _services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<FtpAccountManager<IdentityUser<Guid>, Guid, FtpUserAccount<Guid>, GuidDbContext>>();
        Assert.True((await manager.CreateUserAsync("guido", null, "Passw0rd!")).Succeeded);

        FtpAccountResult<FtpUserGroup> group = await manager.CreateGroupAsync("guids", null, "elr");
        FtpAccountResult<FtpUserAccount<Guid>> account = await manager.CreateAccountAsync("guido", "guids", null);

        Assert.True(group.Succeeded, group.Error);
        Assert.True(account.Succeeded, account.Error);
        Assert.Equal(group.Value!.Id, account.Value!.GroupId);
    }

    [Fact]
    public async Task App_passwords_and_the_group_count_work_for_guid_keyed_users()
    {
        await ManageAsync(m => m.CreateUserAsync("gus", null, "Passw0rd!"));
        FtpUserGroup group = (await ManageAsync(m => m.CreateGroupAsync("scanners", null, "elrw"))).Value!;
        await ManageAsync(m => m.CreateAccountAsync("gus", "scanners", null));
        string appPassword = (await ManageAsync(m => m.CreateAppPasswordAsync("gus", "scanner"))).Value!;

        Assert.True((await LoginAsync("gus", appPassword)).Succeeded);
        Assert.Equal(1, (await ManageAsync(m => m.CountAccountsByGroupAsync()))[group.Id]);
        Assert.False((await ManageAsync(m => m.DeleteGroupAsync("scanners"))).Succeeded);
    }

    [Fact]
    public async Task Deleting_a_guid_keyed_user_deletes_its_ftp_account()
    {
        await ManageAsync(m => m.CreateUserAsync("gail", null, "Passw0rd!"));
        await ManageAsync(m => m.CreateGroupAsync("staff", null, null));
        await ManageAsync(m => m.CreateAccountAsync("gail", "staff", null));

        await using (AsyncServiceScope scope = _services.CreateAsyncScope())
        {
            UserManager<IdentityUser<Guid>> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser<Guid>>>();
            Assert.True((await users.DeleteAsync((await users.FindByNameAsync("gail"))!)).Succeeded);
        }

        Assert.Empty(await ManageAsync(m => m.ListAccountsAsync()));
        Assert.True((await ManageAsync(m => m.DeleteGroupAsync("staff"))).Succeeded);
    }

    [Fact]
    public async Task The_non_generic_administration_serves_guid_keyed_users_too()
    {
        await using AsyncServiceScope scope = _services.CreateAsyncScope();
        IFtpAccountAdministration administration = scope.ServiceProvider.GetRequiredService<IFtpAccountAdministration>();
        UserManager<IdentityUser<Guid>> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser<Guid>>>();
        Assert.True((await users.CreateAsync(new IdentityUser<Guid> { Id = Guid.NewGuid(), UserName = "gina" }, "Correct-Horse-7")).Succeeded);
        Assert.True((await administration.CreateGroupAsync("partners", null, "elr", false)).Succeeded);
        Assert.True((await administration.CreateGroupAsync("staff", null, "elrw", false)).Succeeded);
        Assert.True((await administration.CreateAccountAsync("gina", "partners", null)).Succeeded);

        FtpAccountResult<FtpAccountSummary> moved = await administration.UpdateAccountAsync("gina", "staff", "/srv/{username}");

        Assert.Equal(("gina", "staff", "/srv/{username}"), (moved.Value!.UserName, moved.Value.GroupName, moved.Value.HomeDirectory));
        Assert.Equal([("partners", 0), ("staff", 1)], (await administration.ListGroupsAsync()).Select(g => (g.Name, g.Accounts)));
    }
}
