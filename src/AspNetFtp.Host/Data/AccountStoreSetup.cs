using AspNetFtp.Host.Accounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Storage.Azure;
using AspNetFtp.Storage.S3.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Data;

/// <summary>
/// Chooses and registers the account store: the Identity database by default, or the <c>FtpServer:Users</c>
/// list when <c>FtpServer:Accounts</c> is <c>Configuration</c> (or unset while users are listed there).
/// </summary>
internal static class AccountStoreSetup
{
    public static AccountStoreKind ChooseStore(IConfiguration configuration)
    {
        string? configured = configuration[$"{FtpServerOptions.SectionName}:Accounts"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Enum.TryParse(configured, ignoreCase: true, out AccountStoreKind kind)
                ? kind
                : throw new FtpConfigurationException("Accounts", $"'{configured}' is not Identity or Configuration");
        }

        return configuration.GetSection($"{FtpServerOptions.SectionName}:Users").GetChildren().Any()
            ? AccountStoreKind.Configuration
            : AccountStoreKind.Identity;
    }

    /// <summary>The data directory (<c>FtpServer:DataDirectory</c>, default <c>data</c> under the working directory), created.</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        string path = Path.GetFullPath(configuration[$"{FtpServerOptions.SectionName}:DataDirectory"] ?? "data");
        Directory.CreateDirectory(path);
        return path;
    }

    public static DatabaseOptions DatabaseOptionsFrom(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>Registers the database, Identity and the account manager (for the server and the CLI verbs).</summary>
    public static IServiceCollection AddIdentityStore(this IServiceCollection services, IConfiguration configuration)
    {
        DatabaseOptions database = DatabaseOptionsFrom(configuration);
        string connectionString = DatabaseRegistration.ResolveConnectionString(database, configuration, DataDirectory(configuration));
        services.AddSingleton(Options.Create(database));
        services.AddAppDatabase(database, connectionString);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = false;
            })
            // Roles: the web admin admits members of FtpServer:Admin:Role, which the first administrator gets.
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        services.Configure<IdentityOptions>(configuration.GetSection("Identity"));
        services.AddScoped<FtpAccountManager<AppUser, AppDbContext>>();
        services.AddOptions<FtpAccountsOptions>().Bind(configuration.GetSection(FtpServerOptions.SectionName))
            .PostConfigure(o => o.RootDirectory = Path.GetFullPath(o.RootDirectory));
        return services;
    }

    /// <summary>Registers the FTP server with the chosen account store.</summary>
    public static FtpServerBuilder AddFtpServerWithAccounts(this IServiceCollection services, IConfiguration configuration, AccountStoreKind store)
    {
        // Storage profiles may name the built-in Local kind, S3 or Azure Blob (FtpServer:Storage:Profiles).
        FtpServerBuilder builder = services.AddFtpServer(configuration).AddS3Storage().AddAzureBlobStorage();
        // The ready server has nothing else to serve: a failed FTP start always ends it (exit 1, one line).
        services.PostConfigure<FtpServerOptions>(o => o.StopApplicationOnStartFailure = true);
        if (store == AccountStoreKind.Configuration)
        {
            services.AddOptions<ConfiguredAccountsOptions>().Bind(configuration.GetSection(FtpServerOptions.SectionName)).ValidateOnStart();
            services.AddSingleton<IValidateOptions<ConfiguredAccountsOptions>, ConfiguredAccountsOptionsValidator>();
            return builder.AddAuthenticator<ConfigurationAccountAuthenticator>();
        }

        services.AddIdentityStore(configuration);
        return builder.AddIdentityAccounts<AppUser, AppDbContext>(configuration);
    }

    /// <summary>Applies pending migrations of the configured provider (the <c>migrate</c> verb: always the full run).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Applies pending migrations when the history table lacks one, and otherwise does nothing: a full migration run
    /// takes the migration lock and compares the model with the migrations' snapshot, which cost every start and every
    /// account verb about 0.4 s on an up-to-date database. A database that needs a migration gets the full run (with
    /// its lock, so nodes starting together still migrate once).
    /// </summary>
    public static async Task MigrateIfPendingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
