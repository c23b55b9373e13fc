using System.Runtime.InteropServices;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>Files holding secrets (the SQLite database and its side files): regular, single-link, 0600.</summary>
internal static class OwnerOnlyFiles
{
    /// <summary>
    /// Makes the entry <paramref name="name"/> of <paramref name="directory"/> 0600 and, when <paramref name="handTo"/>
    /// is given, that user's; nothing when it does not exist. The entry is examined and opened without following
    /// a link, and changed through that descriptor (fchmod, fchown).
    /// </summary>
    /// <exception cref="UnsafePathException">It is a symbolic link, or not a regular file with a single link.</exception>
    public static void Secure(DirectoryHandle directory, string name, UnixAccount? handTo)
    {
        string path = directory.EntryPath(name);
        if (directory.StatEntry(name) is not { } before)
        {
            return;
        }

        Check(path, before);
        int fd = directory.TryOpenEntry(name, OpenFlags.ReadOnly | OpenFlags.NonBlocking | OpenFlags.NoControllingTerminal | OpenFlags.CloseOnExec, 0);
        if (fd < 0)
        {
            throw -fd == LibC.ELOOP ? new UnsafePathException(path, "is a symbolic link") : new IOException($"cannot open '{path}': {DirectoryHandle.Describe(-fd)}");
        }

        try
        {
            if (LibC.statx(fd, string.Empty, LibC.AtEmptyPath, LibC.StatxBasicStats, out LibC.Statx opened) != 0)
            {
                throw new IOException($"cannot examine '{path}': {DirectoryHandle.Describe(Marshal.GetLastPInvokeError())}");
            }

            Check(path, opened);
            if (!DirectoryHandle.SameFile(before, opened))
            {
                throw new UnsafePathException(path, "was replaced while it was examined");
            }

            if ((opened.Mode & 0x3F) != 0 && LibC.fchmod(fd, DirectoryHandle.OwnerOnlyFile) != 0)
            {
                throw new IOException($"cannot make '{path}' owner only: {DirectoryHandle.Describe(Marshal.GetLastPInvokeError())}");
            }

            if (handTo is not null && LibC.fchown(fd, handTo.UserId, handTo.GroupId) != 0)
            {
                throw new IOException($"cannot hand '{path}' to user '{handTo.Name}': {DirectoryHandle.Describe(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    private static void Check(string path, in LibC.Statx status)
    {
        if (DirectoryHandle.IsSymbolicLink(status))
        {
            throw new UnsafePathException(path, "is a symbolic link");
        }

        if (!DirectoryHandle.IsRegularFile(status) || status.LinkCount != 1)
        {
            throw new UnsafePathException(path, "is not a regular file with a single link");
        }
    }
}
