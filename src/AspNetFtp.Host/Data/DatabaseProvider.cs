namespace AspNetFtp.Host.Data;

/// <summary>The database behind the accounts (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    MySql,
}
