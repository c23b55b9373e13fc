using System.Globalization;
using System.Text;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// The <c>--pidfile</c>: written at start with this process's id, removed at exit. A file naming a live
/// process means another server runs, and this start is refused. Its directory may belong to the service
/// user, so nothing in it is followed: a pid file that is a symbolic link is refused, the id is written to a
/// fresh, randomly named file (O_EXCL, 0600) renamed into place, and at exit the file is removed only if it
/// is still the one written (same inode), which needs no read permission after a privilege drop.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly DirectoryHandle _directory;
    private readonly string _name;
    private readonly LibC.Statx _written;
    private bool _released;

    private PidFile(DirectoryHandle directory, string name, LibC.Statx written)
    {
        _directory = directory;
        _name = name;
        _written = written;
    }

    /// <exception cref="InvalidOperationException">Another live process holds the file, or the file is a link or not a regular file.</exception>
    /// <exception cref="IOException">The file or its directory cannot be written.</exception>
    public static PidFile Acquire(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("--pidfile works on Linux only");
        }

        string full = Path.GetFullPath(path);
        string name = Path.GetFileName(full);
        DirectoryHandle directory = DirectoryHandle.OpenConfigured(Path.GetDirectoryName(full)!, create: true);
        try
        {
            if (directory.StatEntry(name) is { } existing)
            {
                if (DirectoryHandle.IsSymbolicLink(existing))
                {
                    throw new InvalidOperationException($"the pid file '{full}' is a symbolic link; refusing to use it");
                }

                if (!DirectoryHandle.IsRegularFile(existing))
                {
                    throw new InvalidOperationException($"the pid file '{full}' is not a regular file; refusing to use it");
                }

                if (ReadPid(directory, name, full) is int pid && pid != Environment.ProcessId && IsAlive(pid))
                {
                    throw new InvalidOperationException($"pid file '{full}' names process {pid}, which is running; is the server already started?");
                }
            }

            byte[] content = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            return new PidFile(directory, name, directory.WriteOwnerOnlyFile(name, content));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static int? ReadPid(DirectoryHandle directory, string name, string full)
    {
        int fd = directory.TryOpenEntry(name, OpenFlags.ReadOnly | OpenFlags.NonBlocking | OpenFlags.CloseOnExec, 0);
        if (fd < 0)
        {
            throw -fd == LibC.ELOOP
                ? new InvalidOperationException($"the pid file '{full}' is a symbolic link; refusing to use it")
                : new IOException($"cannot read the pid file '{full}': {DirectoryHandle.Describe(-fd)}");
        }

        using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        byte[] buffer = new byte[32];
        int read = RandomAccess.Read(handle, buffer, 0);
        return int.TryParse(Encoding.ASCII.GetString(buffer, 0, read).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            if (_directory.StatEntry(_name) is { } current && DirectoryHandle.SameFile(current, _written))
            {
                // After a privilege drop this fails when the directory is not the service user's; the next start
                // then finds a stale file naming a dead process and proceeds.
                _ = _directory.RemoveEntry(_name);
            }
        }
        catch (IOException)
        {
        }
        finally
        {
            _directory.Dispose();
        }
    }
}
