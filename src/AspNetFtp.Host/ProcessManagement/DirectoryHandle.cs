using System.Runtime.InteropServices;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// An open directory in which names are looked up without following symbolic links. Everything the server
/// creates, hands over or removes inside a directory another user may write to goes through one, so a link
/// that user plants is seen as a link, never as its target (Linux: openat, statx, renameat with the
/// directory's descriptor).
/// </summary>
internal sealed class DirectoryHandle : IDisposable
{
    public const uint OwnerOnlyDirectory = 0x1C0; // 0700
    public const uint OwnerOnlyFile = 0x180; // 0600

    private int _fd;

    private DirectoryHandle(int fd, string path)
    {
        _fd = fd;
        Path = path;
    }

    /// <summary>The directory's full path, for messages.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens a directory whose path the administrator configured (links on the way are followed, as they are
    /// the administrator's), creating it and any missing parents 0700 when <paramref name="create"/>.
    /// </summary>
    /// <exception cref="IOException">It cannot be created or opened.</exception>
    public static DirectoryHandle OpenConfigured(string path, bool create)
    {
        path = System.IO.Path.GetFullPath(path);
        if (create && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        int fd = LibC.openat(LibC.AtFdCwd, path, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.CloseOnExec, 0);
        return fd >= 0 ? new DirectoryHandle(fd, path) : throw new IOException($"cannot open the directory '{path}': {LastError()}");
    }

    /// <summary>Opens an existing directory; a symbolic link as its last component is refused, not followed.</summary>
    /// <exception cref="UnsafePathException">The last component is a link or not a directory.</exception>
    public static DirectoryHandle OpenNoFollow(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        int fd = LibC.openat(LibC.AtFdCwd, path, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.NoFollow | OpenFlags.CloseOnExec, 0);
        return fd >= 0 ? new DirectoryHandle(fd, path) : throw Refusal(LibC.AtFdCwd, path, path, Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// Opens the directory <paramref name="relative"/> below this one, component by component, following no link
    /// and creating missing components 0700 when <paramref name="create"/>.
    /// </summary>
    /// <exception cref="UnsafePathException">A component is a link or not a directory, or the path climbs with "..".</exception>
    public DirectoryHandle OpenBelow(string relative, bool create)
    {
        string path = Path;
        int current = _fd;
        try
        {
            foreach (string name in relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(n => n != "."))
            {
                path = System.IO.Path.Combine(path, name);
                if (name == "..")
                {
                    throw new UnsafePathException(path, "climbs out of its parent with '..'");
                }

                if (create && LibC.mkdirat(current, name, OwnerOnlyDirectory) != 0 && Marshal.GetLastPInvokeError() != LibC.EEXIST)
                {
                    throw new IOException($"cannot create the directory '{path}': {LastError()}");
                }

                int next = LibC.openat(current, name, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.NoFollow | OpenFlags.CloseOnExec, 0);
                if (next < 0)
                {
                    throw Refusal(current, name, path, Marshal.GetLastPInvokeError());
                }

                CloseUnlessOwn(current);
                current = next;
            }

            int result = current;
            current = _fd;
            return result == _fd ? new DirectoryHandle(Dup(), path) : new DirectoryHandle(result, path);
        }
        finally
        {
            CloseUnlessOwn(current);
        }
    }

    /// <summary>The entry <paramref name="name"/> itself (a link is not followed), or null when there is none.</summary>
    public LibC.Statx? StatEntry(string name)
    {
        if (LibC.statx(_fd, name, LibC.AtSymlinkNoFollow, LibC.StatxBasicStats, out LibC.Statx status) == 0)
        {
            return status;
        }

        int error = Marshal.GetLastPInvokeError();
        return error == LibC.ENOENT ? null : throw new IOException($"cannot examine '{EntryPath(name)}': {Describe(error)}");
    }

    /// <summary>Opens the entry <paramref name="name"/> with O_NOFOLLOW added to <paramref name="flags"/>; a descriptor, or -errno.</summary>
    public int TryOpenEntry(string name, int flags, uint mode)
    {
        int fd = LibC.openat(_fd, name, flags | OpenFlags.NoFollow, mode);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// Creates <paramref name="name"/> 0600 with <paramref name="content"/>, through a fresh, randomly named file
    /// (O_EXCL) renamed over it; returns what was written (its inode, for a later check that it is still ours).
    /// </summary>
    public LibC.Statx WriteOwnerOnlyFile(string name, ReadOnlySpan<byte> content)
    {
        string temporary = $".{name}.{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}";
        int fd = TryOpenEntry(temporary, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.CloseOnExec, OwnerOnlyFile);
        if (fd < 0)
        {
            throw new IOException($"cannot create '{EntryPath(temporary)}': {Describe(-fd)}");
        }

        try
        {
            LibC.Statx written;
            using (var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true))
            {
                RandomAccess.Write(handle, content, 0);
                if (LibC.statx(fd, string.Empty, LibC.AtEmptyPath, LibC.StatxBasicStats, out written) != 0)
                {
                    throw new IOException($"cannot examine '{EntryPath(temporary)}': {LastError()}");
                }
            }

            if (LibC.renameat(_fd, temporary, _fd, name) != 0)
            {
                throw new IOException($"cannot write '{EntryPath(name)}': {LastError()}");
            }

            return written;
        }
        catch
        {
            _ = LibC.unlinkat(_fd, temporary, 0);
            throw;
        }
    }

    /// <summary>Removes the entry <paramref name="name"/> itself; true when it was there.</summary>
    public bool RemoveEntry(string name) => LibC.unlinkat(_fd, name, 0) == 0;

    /// <summary>Makes <paramref name="owner"/> own this directory and sets it 0700.</summary>
    public void HandTo(UnixAccount owner)
    {
        if (LibC.fchown(_fd, owner.UserId, owner.GroupId) != 0)
        {
            throw new IOException($"cannot hand '{Path}' to user '{owner.Name}': {LastError()}");
        }
    }

    public string EntryPath(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The same file: device and inode.</summary>
    public static bool SameFile(in LibC.Statx a, in LibC.Statx b) =>
        a.Inode == b.Inode && a.DeviceMajor == b.DeviceMajor && a.DeviceMinor == b.DeviceMinor;

    public static bool IsRegularFile(in LibC.Statx status) => (status.Mode & 0xF000) == 0x8000;

    public static bool IsSymbolicLink(in LibC.Statx status) => (status.Mode & 0xF000) == 0xA000;

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.close(fd);
        }
    }

    private static string LastError() => Describe(Marshal.GetLastPInvokeError());

    /// <summary>Why opening <paramref name="name"/> in <paramref name="directory"/> as a directory without following links failed.</summary>
    private static Exception Refusal(int directory, string name, string path, int errno)
    {
        if (errno is not (LibC.ELOOP or LibC.ENOTDIR))
        {
            return new IOException($"cannot open the directory '{path}': {Describe(errno)}");
        }

        // O_DIRECTORY|O_NOFOLLOW on a link fails with ENOTDIR or ELOOP: tell the two apart.
        bool link = LibC.statx(directory, name, LibC.AtSymlinkNoFollow, LibC.StatxBasicStats, out LibC.Statx status) == 0 && IsSymbolicLink(status);
        return new UnsafePathException(path, link ? "is a symbolic link" : "is not a directory");
    }

    private int Dup()
    {
        int fd = LibC.openat(_fd, ".", OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.CloseOnExec, 0);
        return fd >= 0 ? fd : throw new IOException($"cannot open the directory '{Path}': {LastError()}");
    }

    private void CloseUnlessOwn(int fd)
    {
        if (fd >= 0 && fd != _fd)
        {
            _ = LibC.close(fd);
        }
    }
}
