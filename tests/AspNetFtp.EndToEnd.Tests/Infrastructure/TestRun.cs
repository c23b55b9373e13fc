namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>One scratch directory per test run, removed when the test process exits.</summary>
internal static class TestRun
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"aspnetftp-e2e-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return path;
    });

    public static string ScratchRoot => Root.Value;

    /// <summary>A fresh, empty directory under the run's scratch directory.</summary>
    public static string NewDirectory(string prefix)
    {
        var path = Path.Combine(ScratchRoot, prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
