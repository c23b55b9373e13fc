using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Host.Data;

/// <summary>Registers the provider's pooled DbContext, exposed as <see cref="AppDbContext"/>.</summary>
internal static class DatabaseRegistration
{
    // A few quick retries ride out a dropped connection; a database that stays down turns into a prompt
    // 421 for the client rather than a login that hangs for half a minute.
    private const int MaxRetries = 3;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The embedded database's file in the data directory.</summary>
    public const string SqliteFileName = "aspnetftp.db";

    /// <summary>
    /// The database file and the files SQLite keeps beside it (write-ahead log, shared memory, rollback journal):
    /// the only entries of the data directory the server hands to <c>--file-access-user</c>. They hold password
    /// hashes: created 0600 (the start-up umask, and SQLite gives its side files the database's mode).
    /// </summary>
    public static IReadOnlyList<string> SqliteFileNames { get; } =
        [SqliteFileName, SqliteFileName + "-wal", SqliteFileName + "-shm", SqliteFileName + "-journal"];

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseOptions database, string connectionString)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<SqliteAppDbContext>(o => o.UseSqlite(connectionString));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<PostgreSqlAppDbContext>(o => o.UseNpgsql(connectionString, n => n.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, null)));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgreSqlAppDbContext>());
                break;
            case DatabaseProvider.MySql:
                services.AddDbContextPool<MySqlAppDbContext>(o => o.UseMySQL(connectionString, m => m.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, null))
                    .AddInterceptors(MariaDbMigrationLockInterceptor.Instance));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<MySqlAppDbContext>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider.");
        }

        return services;
    }

    /// <summary>The configured connection string, or the SQLite default in the data directory.</summary>
    public static string ResolveConnectionString(DatabaseOptions database, IConfiguration configuration, string dataDirectory)
    {
        string? configured = database.ConnectionString ?? configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"Database:ConnectionString is required for the {database.Provider} provider");
        }

        return $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}";
    }
}
