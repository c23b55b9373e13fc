using AspNetFtp.Host.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Startup;

/// <summary>
/// On an empty account database, creates the administrator the banner announces
/// (<c>Database:CreateFirstAdministrator</c>, on by default for SQLite), in the web admin's role
/// (<c>FtpServer:Admin:Role</c>, default <c>Administrator</c>).
/// </summary>
internal sealed class CreateFirstAdministrator(IServiceProvider services, IConfiguration configuration) : IStartupTask
{
    /// <summary>The administrator created by this start; null when the database already had users.</summary>
    public FirstAdministratorCredential? Created { get; private set; }

    /// <exception cref="AccountDatabaseException">The database failed.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The same reading as the grantftpadmin verb's.
            string role = Identity.Accounts.FtpAdministratorRole.NameFrom(configuration);
            if (await FirstAdministrator.EnsureAsync(services, role, cancellationToken) is { } password)
            {
                Created = FirstAdministrator.Record(password, AccountStoreSetup.DataDirectory(configuration));
            }
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OptionsValidationException))
        {
            throw new AccountDatabaseException(ex.GetBaseException().Message, ex);
        }
    }
}
