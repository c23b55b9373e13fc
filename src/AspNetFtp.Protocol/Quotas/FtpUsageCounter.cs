using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Quotas;

/// <summary>Counts what a user's files take, by walking the home through the user's own file system (so only what the jail lets the user see).</summary>
public static class FtpUsageCounter
{
    /// <summary>
    /// The length and number of the regular files below the root of <paramref name="fileSystem"/>. Symbolic links
    /// are neither followed nor counted (a link to a file would count it twice); directories are not counted.
    /// </summary>
    /// <param name="fileSystem">The user's file system.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    public static async Task<FtpQuotaUsage> CountAsync(IFtpFileSystem fileSystem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        long bytes = 0;
        long files = 0;
        var pending = new Queue<FtpPath>();
        pending.Enqueue(FtpPath.Root);
        while (pending.TryDequeue(out FtpPath directory))
        {
            try
            {
                await foreach (FtpFileInfo entry in fileSystem.ListAsync(directory, cancellationToken))
                {
                    if (entry.IsSymbolicLink)
                    {
                        continue;
                    }

                    if (entry.IsDirectory)
                    {
                        pending.Enqueue(directory.Combine(entry.Name));
                    }
                    else
                    {
                        bytes += entry.Length;
                        files++;
                    }
                }
            }
            catch (FtpFileSystemException ex) when (ex.Error is FtpFileSystemError.NotFound or FtpFileSystemError.AccessDenied)
            {
                // Removed meanwhile, or not readable by the server: nothing in it can be counted (nor served).
            }
        }

        return new FtpQuotaUsage(bytes, files);
    }
}
