using System.Text;
using Microsoft.Win32.SafeHandles;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// The <c>--daemonize</c> log, opened by the starting process (root, with <c>--file-access-user</c>) in a
/// directory that may belong to the service user: O_NOFOLLOW|O_APPEND|O_CREAT, 0600, and only when it is a
/// regular file with a single link, so a planted link or hard link never makes root append to another file.
/// The descriptor is inherited by the background server as its standard output and error.
/// </summary>
internal sealed class DaemonLog : IDisposable
{
    private readonly SafeFileHandle _handle;

    private DaemonLog(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The open descriptor (inheritable: no O_CLOEXEC).</summary>
    public int Descriptor => (int)_handle.DangerousGetHandle();

    /// <exception cref="InvalidOperationException">The log is a symbolic link, or not a regular file with a single link.</exception>
    /// <exception cref="IOException">It cannot be created or opened.</exception>
    public static DaemonLog Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        string name = System.IO.Path.GetFileName(path);
        using DirectoryHandle directory = DirectoryHandle.OpenConfigured(System.IO.Path.GetDirectoryName(path)!, create: true);
        if (directory.StatEntry(name) is { } existing && DirectoryHandle.IsSymbolicLink(existing))
        {
            throw LinkRefused(path);
        }

        int fd = directory.TryOpenEntry(name, OpenFlags.ReadWrite | OpenFlags.Append | OpenFlags.Create | OpenFlags.NoControllingTerminal, DirectoryHandle.OwnerOnlyFile);
        if (fd < 0)
        {
            throw -fd == LibC.ELOOP ? LinkRefused(path) : new IOException($"cannot open the log file '{path}': {DirectoryHandle.Describe(-fd)}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (LibC.statx(fd, string.Empty, LibC.AtEmptyPath, LibC.StatxBasicStats, out LibC.Statx opened) != 0
                || !DirectoryHandle.IsRegularFile(opened)
                || opened.LinkCount != 1)
            {
                throw new InvalidOperationException($"the log file '{path}' is not a regular file with a single link; refusing to write to it");
            }

            // A log left readable by an older version: owner only from now on (best effort when not its owner).
            if ((opened.Mode & 0x3F) != 0)
            {
                _ = LibC.fchmod(fd, DirectoryHandle.OwnerOnlyFile);
            }

            return new DaemonLog(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The last <paramref name="count"/> lines, read through the open descriptor (never by name again).</summary>
    public IEnumerable<string> LastLines(int count)
    {
        long length = RandomAccess.GetLength(_handle);
        byte[] buffer = new byte[(int)Math.Min(length, 8192)];
        int read = RandomAccess.Read(_handle, buffer, length - buffer.Length);
        return Encoding.UTF8.GetString(buffer, 0, read).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count);
    }

    public void Dispose() => _handle.Dispose();

    private static InvalidOperationException LinkRefused(string path) =>
        new($"the log file '{path}' is a symbolic link; refusing to write to it");
}
