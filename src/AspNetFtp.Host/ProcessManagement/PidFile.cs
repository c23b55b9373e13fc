using System.Globalization;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// The <c>--pidfile</c>: written at start with this process's id, removed at exit. A file naming a live
/// process means another server runs, and this start is refused.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly string _path;
    private bool _released;

    private PidFile(string path) => _path = path;

    /// <exception cref="InvalidOperationException">Another live process holds the file.</exception>
    public static PidFile Acquire(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full)
            && int.TryParse(File.ReadAllText(full).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            && pid != Environment.ProcessId
            && IsAlive(pid))
        {
            throw new InvalidOperationException($"pid file '{full}' names process {pid}, which is running; is the server already started?");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temporary, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temporary, full, overwrite: true);
        return new PidFile(full);
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
            if (File.Exists(_path) && File.ReadAllText(_path).Trim() == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            {
                File.Delete(_path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
            // After a privilege drop the file may no longer be ours to delete.
        }
    }
}
