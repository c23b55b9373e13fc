using System.Globalization;
using System.Net;
using AspNetFtp.Admin.DependencyInjection;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>
/// Once for the collection: an ASP.NET Core app built in-process the way the README has an Identity app add the admin
/// (Identity with roles and cookies on SQLite, <c>AddFtpServer().AddIdentityAccounts()</c>, <c>AddFtpAdmin</c>,
/// <c>MapFtpAdmin("/admin")</c>), listening on free loopback ports, its users seeded, and Debian's chromium.
/// </summary>
public class AdminApp : IAsyncLifetime
{
    public const string Password = "Admin-Passw0rd!";
    public const string AdministratorName = "chief";
    public const string PlainUserName = "plain";
    public const string FtpUserName = "uploader";
    public const string LockoutUserName = "forgetful";
    public const string TwoFactorName = "careful";
    public const string Role = "Administrator";
    public const string GroupName = "staff";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private string _directory = "";
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public AdminApp()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>An app with <paramref name="settings"/> on top of the usual ones (such as the audit log turned off).</summary>
    protected AdminApp(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public string BaseUrl { get; private set; } = "";

    public IPEndPoint FtpEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's SQLite database, which a second node opens too.</summary>
    public string ConnectionString => $"Data Source={Path.Combine(_directory, "app.db")}";

    /// <summary>The app's content root (its FTP root is <c>ftp</c> under it).</summary>
    public string ContentDirectory => _directory;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("aspnetftp-admin-").FullName;
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = _directory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:RootDirectory"] = Path.Combine(_directory, "ftp"),
            ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
            // The defender is on (the Bans page enforces what it adds); the tests' own clients are never scored.
            ["FtpServer:Defender:Enabled"] = "true",
            ["FtpServer:Defender:AllowList:0"] = "127.0.0.1",
            ["FtpServer:Defender:AllowList:1"] = "127.0.0.2",
            // Two storage profiles for the Storage selects (their roots must exist for the server to start).
            ["FtpServer:Storage:Profiles:archive:Kind"] = "Local",
            ["FtpServer:Storage:Profiles:archive:Root"] = Path.Combine(_directory, "archive") + "/{username}",
            ["FtpServer:Storage:Profiles:fast:Kind"] = "Local",
            ["FtpServer:Storage:Profiles:fast:Root"] = Path.Combine(_directory, "fast") + "/{username}",
        });
        Directory.CreateDirectory(Path.Combine(_directory, "archive"));
        Directory.CreateDirectory(Path.Combine(_directory, "fast"));
        builder.Configuration.AddInMemoryCollection(_settings);
        string connectionString = $"Data Source={Path.Combine(_directory, "app.db")}";

        // The application's own Identity, as an app without the Identity UI registers it.
        builder.Services.AddDbContext<AdminTestDbContext>(o => o.UseSqlite(connectionString));
        builder.Services.AddIdentityCore<IdentityUser>(o => o.Lockout.MaxFailedAccessAttempts = 5)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AdminTestDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();

        // The README's lines.
        builder.Services.AddFtpServer(builder.Configuration).AddIdentityAccounts<IdentityUser, AdminTestDbContext>();
        builder.Services.AddFtpAdmin<IdentityUser>(builder.Configuration);
        _app = builder.Build();
        _app.MapFtpAdmin("/admin");

        await SeedAsync(_app.Services);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
        FtpEndPoint = _app.Services.GetRequiredService<FtpServer>().Listeners[0].EndPoint;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a bounded wait for every action.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>An FTP client connected (from <paramref name="localAddress"/> when given), its greeting read.</summary>
    public Task<RawFtpClient> ConnectFtpAsync(IPAddress? localAddress = null) =>
        RawFtpClient.ConnectAsync(FtpEndPoint.Address.ToString(), FtpEndPoint.Port, localAddress);

    /// <summary>The user's record as the database has it now (a fresh scope, so nothing cached).</summary>
    public async Task<IdentityUser> FindUserAsync(string userName)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        UserManager<IdentityUser> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
    }

    /// <summary>The user's authenticator key (base32), as an authenticator app was given it.</summary>
    public async Task<string> AuthenticatorKeyAsync(string userName)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        UserManager<IdentityUser> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        IdentityUser user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{userName} has no authenticator key.");
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }

            _playwright.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left to the OS.
        }
    }

    /// <summary>
    /// An administrator, a user without the role, an FTP user, a user for the lockout test and an administrator with
    /// two-factor sign-in (an authenticator key); all with FTP accounts.
    /// </summary>
    private static async Task SeedAsync(IServiceProvider services)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        IServiceProvider provider = scope.ServiceProvider;
        await provider.GetRequiredService<AdminTestDbContext>().Database.EnsureCreatedAsync();
        FtpAccountManager<IdentityUser, AdminTestDbContext> accounts = provider.GetRequiredService<FtpAccountManager<IdentityUser, AdminTestDbContext>>();
        Check((await accounts.CreateGroupAsync(GroupName, null, "elradfmw")).Error);
        foreach (string name in (string[])[AdministratorName, PlainUserName, FtpUserName, LockoutUserName, TwoFactorName])
        {
            Check((await accounts.CreateUserAsync(name, null, Password)).Error);
            Check((await accounts.CreateAccountAsync(name, GroupName, null)).Error);
        }

        RoleManager<IdentityRole> roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        Check(string.Join(" ", (await roles.CreateAsync(new IdentityRole(Role))).Errors.Select(e => e.Description)));
        UserManager<IdentityUser> users = provider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (string name in (string[])[AdministratorName, TwoFactorName])
        {
            IdentityUser administrator = await users.FindByNameAsync(name) ?? throw new InvalidOperationException($"No user {name}.");
            Check(string.Join(" ", (await users.AddToRoleAsync(administrator, Role)).Errors.Select(e => e.Description)));
        }

        IdentityUser careful = await users.FindByNameAsync(TwoFactorName) ?? throw new InvalidOperationException($"No user {TwoFactorName}.");
        Check(string.Join(" ", (await users.ResetAuthenticatorKeyAsync(careful)).Errors.Select(e => e.Description)));
        Check(string.Join(" ", (await users.SetTwoFactorEnabledAsync(careful, true)).Errors.Select(e => e.Description)));
    }

    private static void Check(string? error)
    {
        if (!string.IsNullOrEmpty(error))
        {
            throw new InvalidOperationException(error);
        }
    }

    internal static string Port(IPEndPoint endPoint) => endPoint.Port.ToString(CultureInfo.InvariantCulture);
}
