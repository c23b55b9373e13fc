namespace AspNetFtp.Host.Data;

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default, a file in the data directory), <c>PostgreSql</c> or <c>MySql</c> (MySQL and MariaDB).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite defaults to <c>Data Source={DataDirectory}/aspnetftp.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations at start. Defaults to true for SQLite, false for server databases.</summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Create a first administrator on an empty database. Defaults to true for SQLite, false otherwise.</summary>
    public bool? CreateFirstAdministrator { get; set; }
}
