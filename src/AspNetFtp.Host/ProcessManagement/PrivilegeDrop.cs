using System.Runtime.InteropServices;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// <c>--file-access-user</c>: the server starts as root, binds its ports, hands the directories and files it
/// must keep writing to the user, then becomes that user (groups, gid, uid, in that order) before serving anyone.
/// Those directories may already belong to the user (a previous start), so the hand-over follows no link:
/// directories are opened O_NOFOLLOW (below the data directory, component by component) and changed with
/// fchown; of the files, only the names the server itself uses, and only regular files with a single link.
/// </summary>
internal static class PrivilegeDrop
{
    /// <exception cref="InvalidOperationException">Not root, not Linux, or no such user.</exception>
    public static UnixAccount Check(string userName)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("--file-access-user works on Linux only");
        }

        if (LibC.geteuid() != 0)
        {
            throw new InvalidOperationException("--file-access-user needs the server to start as root (it binds the ports, then becomes that user)");
        }

        return UnixAccount.Find(userName) ?? throw new InvalidOperationException($"--file-access-user: there is no user '{userName}'");
    }

    /// <summary>
    /// Gives <paramref name="account"/> the data directory, the files named <paramref name="dataFiles"/> in it
    /// (made 0600; absent ones are skipped) and the FTP root (created 0700 when missing), not recursively.
    /// </summary>
    /// <exception cref="InvalidOperationException">A path is a symbolic link, or a file is not a regular file with a single link.</exception>
    public static void HandOver(UnixAccount account, string dataDirectory, IEnumerable<string> dataFiles, string? ftpRoot)
    {
        try
        {
            using DirectoryHandle data = DirectoryHandle.OpenNoFollow(dataDirectory);
            data.HandTo(account);
            foreach (string name in dataFiles)
            {
                OwnerOnlyFiles.Secure(data, name, account);
            }

            if (ftpRoot is not null)
            {
                using DirectoryHandle root = OpenFtpRoot(data, Path.GetFullPath(ftpRoot));
                root.HandTo(account);
            }
        }
        catch (UnsafePathException ex)
        {
            throw new InvalidOperationException($"{ex.Message}; refusing to hand it to user '{account.Name}'", ex);
        }
    }

    public static void Become(UnixAccount account)
    {
        if (LibC.initgroups(account.Name, account.GroupId) != 0
            || LibC.setgid(account.GroupId) != 0
            || LibC.setuid(account.UserId) != 0)
        {
            throw new InvalidOperationException($"cannot become user '{account.Name}': errno {Marshal.GetLastPInvokeError()}");
        }

        if (LibC.setuid(0) == 0)
        {
            throw new InvalidOperationException("privileges could be regained after the drop; refusing to serve");
        }
    }

    /// <summary>Below the data directory (the default, data/ftp) every component is the user's and is not followed.</summary>
    private static DirectoryHandle OpenFtpRoot(DirectoryHandle data, string ftpRoot)
    {
        string relative = Path.GetRelativePath(data.Path, ftpRoot);
        if (relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
        {
            return data.OpenBelow(relative, create: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(ftpRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return DirectoryHandle.OpenNoFollow(ftpRoot);
    }
}
