using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace AspNetFtp.Bench;

/// <summary>
/// The cost of ASP.NET Core Identity's default password hasher alone (PBKDF2, as configured by default),
/// the yardstick for "no slower per login than Identity's hasher itself".
/// </summary>
internal static class HasherScenario
{
    public static int Run(int verifications, int parallel)
    {
        var hasher = new PasswordHasher<object>();
        var user = new object();
        string hash = hasher.HashPassword(user, "bench password");
        hasher.VerifyHashedPassword(user, hash, "bench password");

        var process = Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        long t0 = Stopwatch.GetTimestamp();
        int failures = 0;
        Parallel.For(0, verifications, new ParallelOptions { MaxDegreeOfParallelism = parallel }, _ =>
        {
            if (hasher.VerifyHashedPassword(user, hash, "bench password") == PasswordVerificationResult.Failed)
            {
                Interlocked.Increment(ref failures);
            }
        });
        double secs = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        process.Refresh();
        double cpuUs = (process.TotalProcessorTime - cpu0).TotalMilliseconds * 1000.0 / verifications;
        new ResultLine()
            .Add("scenario", "hasher").Add("parallel", parallel).Add("verifications", verifications)
            .Add("secs", secs, 3).Add("verifications_per_s", verifications / secs, 1).Add("cpu_us_per_verification", cpuUs, 0)
            .Add("failures", failures)
            .Print();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# Identity PasswordHasher (default settings), {parallel} at once: {verifications / secs:F1} verifications/s, {cpuUs:F0} us CPU each"));
        return failures;
    }
}
