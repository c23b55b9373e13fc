namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// A [Theory] that needs root (mounting a small tmpfs). When the test run is not root it is reported as skipped,
/// with the reason, instead of passing without having run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to mount a small tmpfs (run the suite as root, as scripts/test.sh and CI do)";
        }
    }
}
