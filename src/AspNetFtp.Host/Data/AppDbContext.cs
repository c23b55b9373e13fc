using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Host.Data;

/// <summary>The host application's DbContext: Identity's tables plus the FTP groups, accounts and app passwords.</summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddFtpAccounts<AppUser>();
    }
}

/// <summary>The context with SQLite migrations (the embedded default).</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>The context with PostgreSQL migrations.</summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options);

/// <summary>The context with MySQL/MariaDB migrations.</summary>
public sealed class MySqlAppDbContext(DbContextOptions<MySqlAppDbContext> options) : AppDbContext(options);
