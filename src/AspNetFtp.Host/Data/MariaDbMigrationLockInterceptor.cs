using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AspNetFtp.Host.Data;

/// <summary>
/// Lets MySql.EntityFrameworkCore 10 migrate MariaDB. Its migration lock runs
/// <c>SELECT GET_LOCK('__EFMigrationsLock',-1)</c> and reads the result as a 64-bit integer; MariaDB rejects the
/// negative timeout (NULL) and returns a 32-bit INT. The rewrite waits up to a day and widens the result.
/// Nothing else is touched, and MySQL itself accepts the rewritten statement too.
/// </summary>
internal sealed class MariaDbMigrationLockInterceptor : DbCommandInterceptor
{
    public static readonly MariaDbMigrationLockInterceptor Instance = new();

    private const string Original = "GET_LOCK('__EFMigrationsLock',-1)";

    // "BIGINT * 0 + x" makes the server type the expression as BIGINT; CAST(... AS SIGNED) would still give INT on MariaDB.
    private const string Replacement = "(9223372036854775807 * 0 + GET_LOCK('__EFMigrationsLock',86400))";

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Rewrite(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Rewrite(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Rewrite(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Rewrite(command);
        return ValueTask.FromResult(result);
    }

    private static void Rewrite(DbCommand command)
    {
        if (command.CommandText.Contains(Original, StringComparison.Ordinal))
        {
            command.CommandText = command.CommandText.Replace(Original, Replacement, StringComparison.Ordinal);
        }
    }
}
