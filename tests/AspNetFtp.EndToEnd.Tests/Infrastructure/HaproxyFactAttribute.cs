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
        if (HaproxyProcess.Installed is null)
        {
            Skip = "haproxy is not installed (scripts/test.sh installs it with apt-get)";
        }
    }
}
