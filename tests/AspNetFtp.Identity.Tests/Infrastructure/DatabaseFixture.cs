using AspNetFtp.Host.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>
/// One fresh, migrated database per test class, registered the way the host does it
/// (<c>AccountStoreSetup.AddFtpServerWithAccounts</c> → <c>AddIdentityStore</c>, then <c>MigrateAsync</c>) from an
/// in-memory configuration. Dropped with the class. When the provider's server is not configured the
/// fixture stays empty and the tests skip (see <see cref="ProviderFactAttribute"/>).
/// </summary>
public abstract class DatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabases.TestDatabase? _database;
    private ServiceProvider? _services;
    private Exception? _unavailable;

    public DatabaseProvider Provider { get; } = provider;

    public string Directory { get; } = Scratch.NewDirectory(provider.ToString().ToLowerInvariant());

    public string RootDirectory => Path.Combine(Directory, "ftp");

    public string DataDirectory => Path.Combine(Directory, "data");

    public string ConnectionString => Database.ConnectionString;

    /// <summary>Whether the fixture applies the migrations (false: an empty database, as before a forgotten migration).</summary>
    protected virtual bool Migrates => true;

    /// <summary>
    /// The PBKDF2 iteration count of Identity's password hasher in this fixture's containers: a test-only
    /// <see cref="CheapPasswordIterations"/> (each hash of Identity's default costs about 0.13 s of CPU), or null for
    /// Identity's default. Null where a child host (Identity's default count) verifies the passwords this fixture
    /// seeds: it would find them cheaper than its own setting and rehash them at the first login.
    /// </summary>
    protected virtual int? PasswordIterations => CheapPasswordIterations;

    /// <summary>The test-only iteration count (no test of the fixture's default hasher is about hashing cost).</summary>
    public const int CheapPasswordIterations = 1_000;

    internal TestDatabases.TestDatabase Database => _database ?? throw Unavailable();

    /// <summary>The shared container (Identity, the account manager, the authenticator and its cache).</summary>
    public IServiceProvider Services => _services ?? throw Unavailable();

    public async Task InitializeAsync()
    {
        if (TestEnvironment.SkipReason(Provider, needsPgCtl: false) is { } reason)
        {
            _unavailable = new InvalidOperationException(reason);
            return;
        }

        try
        {
            _database = await TestDatabases.CreateAsync(Provider, Directory);
            ServiceProvider services = BuildServices();
            try
            {
                if (Migrates)
                {
                    await AccountStoreSetup.MigrateAsync(services, CancellationToken.None);
                }
            }
            catch
            {
                await services.DisposeAsync();
                throw;
            }

            _services = services;
        }
        catch (Exception ex)
        {
            _unavailable = ex;
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            try
            {
                await TestDatabases.DropAsync(_database);
            }
            catch (Exception)
            {
                // A leftover aspnetftp_* database is harmless; the next run uses new names.
            }
        }

        Scratch.TryDelete(Directory);
    }

    /// <summary>The configuration the host would read: <c>Database:*</c> and <c>FtpServer:*</c>.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = ConnectionString,
        ["FtpServer:Accounts"] = "Identity",
        ["FtpServer:RootDirectory"] = RootDirectory,
        ["FtpServer:DataDirectory"] = DataDirectory,
        // Tests fail logins from 127.0.0.1 on purpose; the defender's own tests switch it on.
        ["FtpServer:Defender:Enabled"] = "false",
    };

    /// <summary>The same settings as environment variables for the host process.</summary>
    public Dictionary<string, string> HostEnvironment() => Settings().ToDictionary(
        kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!, StringComparer.Ordinal);

    /// <summary>
    /// A new container on the same database; <paramref name="settings"/> override the configuration (as the host's
    /// environment would) and <paramref name="configure"/> runs last (to decorate services).
    /// </summary>
    public ServiceProvider BuildServices(Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Dictionary<string, string?> all = Settings();
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(configuration);
        services.AddFtpServerWithAccounts(configuration, AccountStoreKind.Identity);
        if (PasswordIterations is { } iterations)
        {
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = iterations);
        }

        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private InvalidOperationException Unavailable() =>
        new($"The {Provider} test database is not available: {_unavailable?.GetType().Name}: {_unavailable?.Message}", _unavailable);
}

/// <summary>A fresh database of <paramref name="provider"/> that nobody migrated.</summary>
public abstract class UnmigratedDatabaseFixture(DatabaseProvider provider) : DatabaseFixture(provider)
{
    protected override bool Migrates => false;
}

public sealed class UnmigratedSqliteFixture() : UnmigratedDatabaseFixture(DatabaseProvider.Sqlite);

public sealed class UnmigratedPostgreSqlFixture() : UnmigratedDatabaseFixture(DatabaseProvider.PostgreSql);

public sealed class UnmigratedMySqlFixture() : UnmigratedDatabaseFixture(DatabaseProvider.MySql);

public sealed class SqliteFixture() : DatabaseFixture(DatabaseProvider.Sqlite);

/// <summary>
/// A migrated database whose seeded passwords a child host verifies: Identity's default iteration count, as the host
/// has (see <see cref="DatabaseFixture.PasswordIterations"/>).
/// </summary>
public abstract class HostDatabaseFixture(DatabaseProvider provider) : DatabaseFixture(provider)
{
    protected override int? PasswordIterations => null;
}

public sealed class SqliteHostFixture() : HostDatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgreSqlHostFixture() : HostDatabaseFixture(DatabaseProvider.PostgreSql);

public sealed class MySqlHostFixture() : HostDatabaseFixture(DatabaseProvider.MySql);

public sealed class PostgreSqlFixture() : DatabaseFixture(DatabaseProvider.PostgreSql);

public sealed class MySqlFixture() : DatabaseFixture(DatabaseProvider.MySql);
