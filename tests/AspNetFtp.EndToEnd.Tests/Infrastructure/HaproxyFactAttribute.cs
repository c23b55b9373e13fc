namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A [Fact] that needs HAProxy. When the <c>haproxy</c> program is not installed it is reported as skipped, with the
/// reason, instead of passing without having run (scripts/test.sh installs it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HaproxyFactAttribute : FactAttribute
{
    public HaproxyFactAttribute()
    {
        if (Program is null)
        {
            Skip = "haproxy is not installed (scripts/test.sh installs it with apt-get)";
        }
    }

    /// <summary>The haproxy program's path, from PATH or the sbin directories Debian installs it in; null when absent.</summary>
    public static string? Program { get; } = Find();

    private static string? Find()
    {
        IEnumerable<string> directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"]);
        return directories.Select(d => Path.Combine(d, "haproxy")).FirstOrDefault(File.Exists);
    }
}
