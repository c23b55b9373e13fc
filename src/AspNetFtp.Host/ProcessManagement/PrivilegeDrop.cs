using System.Runtime.InteropServices;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// <c>--file-access-user</c>: the server starts as root, binds its ports, hands the files it must keep
/// writing to the user, then becomes that user (groups, gid, uid, in that order) before serving anyone.
/// </summary>
internal static class PrivilegeDrop
{
    /// <exception cref="InvalidOperationException">Not root, not Linux, or no such user.</exception>
    public static UnixAccount Check(string userName)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            throw new InvalidOperationException("--file-access-user works on Unix only");
        }

        if (LibC.geteuid() != 0)
        {
            throw new InvalidOperationException("--file-access-user needs the server to start as root (it binds the ports, then becomes that user)");
        }

        return UnixAccount.Find(userName) ?? throw new InvalidOperationException($"--file-access-user: there is no user '{userName}'");
    }

    /// <summary>Gives the user the paths it must write to (not recursively).</summary>
    public static void HandOver(UnixAccount account, IEnumerable<string> paths)
    {
        foreach (string path in paths.Where(p => File.Exists(p) || Directory.Exists(p)))
        {
            if (LibC.chown(path, account.UserId, account.GroupId) != 0)
            {
                throw new InvalidOperationException($"cannot hand '{path}' to user '{account.Name}': errno {Marshal.GetLastPInvokeError()}");
            }
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
}
