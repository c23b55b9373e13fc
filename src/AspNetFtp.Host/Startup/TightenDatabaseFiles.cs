using AspNetFtp.Host.Data;
using AspNetFtp.Host.ProcessManagement;

namespace AspNetFtp.Host.Startup;

/// <summary>
/// Without a privilege drop: an embedded database an older version left readable by others becomes owner
/// only (best effort, and only files this user owns).
/// </summary>
internal sealed class TightenDatabaseFiles(string dataDirectory) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using DirectoryHandle data = DirectoryHandle.OpenConfigured(dataDirectory, create: false);
            foreach (string name in DatabaseRegistration.SqliteFileNames)
            {
                if (data.StatEntry(name) is { } file && file.UserId == LibC.geteuid())
                {
                    OwnerOnlyFiles.Secure(data, name, handTo: null);
                }
            }
        }
        catch (IOException)
        {
            // Not ours to change, or not a plain file: without a privilege drop there is no one to protect against.
        }

        return Task.CompletedTask;
    }
}
