using AspNetFtp.Host.Data;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>
/// The database servers the provider tests use, named by environment variables that scripts/test.sh
/// exports after starting PostgreSQL and MariaDB on loopback. Without them the provider tests skip,
/// unless <c>ASPNETFTP_TEST_REQUIRE_DATABASES=1</c> (set by scripts/test.sh), where they fail instead.
/// </summary>
internal static class TestEnvironment
{
    public const string PostgresVariable = "ASPNETFTP_TEST_POSTGRES";
    public const string MySqlVariable = "ASPNETFTP_TEST_MYSQL";
    public const string PgCtlVariable = "ASPNETFTP_TEST_PG_CTL";
    public const string RequireVariable = "ASPNETFTP_TEST_REQUIRE_DATABASES";

    public static string? PostgresServer => Get(PostgresVariable);

    public static string? MySqlServer => Get(MySqlVariable);

    /// <summary>A command line that takes <c>start</c> or <c>stop -m fast</c>, such as <c>pg_ctlcluster 15 main</c>.</summary>
    public static string? PgCtl => Get(PgCtlVariable);

    public static bool DatabasesRequired => Get(RequireVariable) is "1" or "true";

    public static string? ServerConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => PostgresServer,
        DatabaseProvider.MySql => MySqlServer,
        _ => "embedded",
    };

    /// <summary>Why a test for <paramref name="provider"/> cannot run here, or null when it can (or must).</summary>
    public static string? SkipReason(DatabaseProvider provider, bool needsPgCtl)
    {
        if (DatabasesRequired)
        {
            return null;
        }

        if (ServerConnectionString(provider) is null)
        {
            return $"{provider}: set {(provider == DatabaseProvider.PostgreSql ? PostgresVariable : MySqlVariable)} (scripts/test.sh starts the server and sets it)";
        }

        return needsPgCtl && PgCtl is null ? $"set {PgCtlVariable} to a command that starts and stops PostgreSQL (scripts/test.sh sets it)" : null;
    }

    private static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
