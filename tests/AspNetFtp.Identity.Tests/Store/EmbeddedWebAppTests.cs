using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 8: FTP added to a <c>dotnet new webapp --auth Individual</c> application (IdentityUser, an
/// <c>ApplicationDbContext : IdentityDbContext</c>, SQLite) with one call:
/// <c>AddFtpServer(builder.Configuration).AddIdentityAccounts&lt;IdentityUser, ApplicationDbContext&gt;()</c>.
/// </summary>
public sealed class EmbeddedWebAppTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aspnetftp-webapp-" + Guid.NewGuid().ToString("N")[..12]);

    public EmbeddedWebAppTests() => Directory.CreateDirectory(_directory);

    /// <summary>The template's context, with the FTP entities added as the README says.</summary>
    public sealed class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : IdentityDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.AddFtpAccounts<IdentityUser>();
        }
    }

    /// <summary>The template's context before the FTP migration: Identity's tables only, in the same database.</summary>
    public sealed class IdentityOnlyDbContext(DbContextOptions<IdentityOnlyDbContext> options) : IdentityDbContext(options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "app.db")}";

    /// <summary>The web app's Program.cs, as far as FTP is concerned; the content root is not the current directory.</summary>
    private ServiceProvider BuildApp(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IHostEnvironment>(new ContentRoot(_directory));
        services.AddDbContext<ApplicationDbContext>(o => o.UseSqlite(ConnectionString));
        services.AddIdentity<IdentityUser, IdentityRole>(o => o.SignIn.RequireConfirmedAccount = true).AddEntityFrameworkStores<ApplicationDbContext>();
        services.AddFtpServer(configuration).AddIdentityAccounts<IdentityUser, ApplicationDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private async Task CreateDatabaseAsync(ServiceProvider app)
    {
        await using AsyncServiceScope scope = app.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.EnsureCreatedAsync();
    }

    [Fact]
    public async Task One_AddIdentityAccounts_call_registers_the_account_manager_of_an_IdentityUser_app_which_creates_a_group_and_an_account()
    {
        await using ServiceProvider app = BuildApp(new() { ["FtpServer:RootDirectory"] = Path.Combine(_directory, "ftp") });
        await CreateDatabaseAsync(app);

        await using AsyncServiceScope scope = app.CreateAsyncScope();
        FtpAccountManager<IdentityUser, ApplicationDbContext> manager = scope.ServiceProvider.GetRequiredService<FtpAccountManager<IdentityUser, ApplicationDbContext>>();
        Assert.True((await manager.CreateUserAsync("webuser", "webuser@example.com", "Passw0rd!")).Succeeded);
        FtpAccountResult<FtpUserGroup> group = await manager.CreateGroupAsync("customers", null, "elr");
        FtpAccountResult<FtpUserAccount> account = await manager.CreateAccountAsync("webuser", "customers", null);

        Assert.True(group.Succeeded, group.Error);
        Assert.True(account.Succeeded, account.Error);
        Assert.Equal(group.Value!.Id, Assert.Single(await manager.ListAccountsAsync()).Account.GroupId);
    }

    [Fact]
    public void A_relative_RootDirectory_resolves_against_the_content_root_not_the_current_directory()
    {
        Assert.NotEqual(Path.GetFullPath(Directory.GetCurrentDirectory()), _directory);
        using ServiceProvider app = BuildApp(new() { ["FtpServer:RootDirectory"] = "ftp-homes" });

        Assert.Equal(Path.Combine(_directory, "ftp-homes"), app.GetRequiredService<IOptions<FtpAccountsOptions>>().Value.RootDirectory);
    }

    [Fact]
    public async Task A_database_without_the_ftp_migration_fails_the_start_saying_what_to_do()
    {
        await using ServiceProvider app = BuildApp(new() { ["FtpServer:Host"] = "127.0.0.1", ["FtpServer:Port"] = "0" });
        var identityOnly = new DbContextOptionsBuilder<IdentityOnlyDbContext>().UseSqlite(ConnectionString).Options;
        await using (var db = new IdentityOnlyDbContext(identityOnly))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var ex = await Assert.ThrowsAsync<FtpStartupException>(() => app.GetRequiredService<FtpServer>().StartAsync(CancellationToken.None));

        Assert.Equal(
            "The FTP account tables (FtpUserGroups, FtpUserAccounts, FtpAppPasswords) are missing from ApplicationDbContext's database: "
            + "add a migration (dotnet ef migrations add AddFtpAccounts) and apply it (dotnet ef database update)",
            ex.Message);
    }

    [Fact]
    public async Task One_AddIdentityAccounts_call_makes_the_server_end_sessions_of_changed_accounts()
    {
        await using ServiceProvider app = BuildApp(new());

        Assert.IsType<Authentication.IdentityFtpAuthenticator<IdentityUser, ApplicationDbContext>>(app.GetRequiredService<IFtpAccountStampSource>());
        Assert.True(app.GetRequiredService<IOptions<FtpServerOptions>>().Value.EndSessionsOnAccountChange);
    }

    private sealed class ContentRoot(string path) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "WebApp";

        public string ContentRootPath { get; set; } = path;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
