using AspNetFtp.Host.Data;
using AspNetFtp.Host.ProcessManagement;

namespace AspNetFtp.Host.Startup;

/// <summary>
/// <c>--file-access-user</c>: hands the service user what it must keep writing (the data directory, the SQLite
/// files in it, the FTP root; none of them for the configuration account store), then becomes that user.
/// </summary>
/// <param name="dataDirectory">Null when the account store keeps nothing on disk.</param>
internal sealed class BecomeServiceUser(UnixAccount account, string? dataDirectory, string? ftpRoot) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (dataDirectory is not null)
        {
            PrivilegeDrop.HandOver(account, dataDirectory, DatabaseRegistration.SqliteFileNames, ftpRoot);
        }

        PrivilegeDrop.Become(account);
        return Task.CompletedTask;
    }
}
