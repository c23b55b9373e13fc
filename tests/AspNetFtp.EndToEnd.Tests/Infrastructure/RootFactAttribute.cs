namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A [Fact] that needs root (binding then dropping privileges, PID namespaces). When the test run is not root
/// it is reported as skipped, with the reason, instead of passing without having run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!IsRoot)
        {
            Skip = "needs root (run the suite as root, as scripts/test.sh and CI do)";
        }
    }

    /// <summary>True when the effective user id is 0 (read from /proc on Linux).</summary>
    public static bool IsRoot { get; } = ReadIsRoot();

    private static bool ReadIsRoot()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            // "Uid:\treal\teffective\tsaved\tfilesystem"
            string? uid = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            string[] fields = uid?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
            return fields.Length > 2 && fields[2] == "0";
        }

        return Environment.UserName == "root";
    }
}
