namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>One scratch directory per test run (removed at exit) and unique names for parallel tests.</summary>
internal static class Scratch
{
    private static int _counter;

    private static readonly Lazy<string> RootPath = new(() =>
    {
        string path = Path.Combine(Path.GetTempPath(), $"aspnetftp-idt-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(path);
        return path;
    });

    public static string Root => RootPath.Value;

    public static string NewDirectory(string prefix)
    {
        string path = Path.Combine(Root, prefix + "-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A name unique in this run, usable as an Identity user name, group name and path segment.</summary>
    public static string Name(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid().ToString("N")[..6]}";

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
