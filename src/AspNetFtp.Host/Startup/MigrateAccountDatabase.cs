using AspNetFtp.Host.Data;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Startup;

/// <summary>Applies the pending migrations of the account database (<c>Database:MigrateOnStart</c>, on by default for SQLite).</summary>
internal sealed class MigrateAccountDatabase(IServiceProvider services) : IStartupTask
{
    /// <exception cref="AccountDatabaseException">The database failed.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AccountStoreSetup.MigrateIfPendingAsync(services, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OptionsValidationException))
        {
            throw new AccountDatabaseException(ex.GetBaseException().Message, ex);
        }
    }
}
