using System.Globalization;
using CsCheck;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>
/// How many inputs each fuzz property tries and with which seed. FTP_FUZZ_COUNT sets the count (20,000 by
/// default, so CI stays short); FTP_FUZZ_SEED replays a CsCheck seed (a failure's message prints the seed to set).
/// FTP_FUZZ_SECONDS bounds each property in time instead (the inputs actually tried are counted and recorded).
/// FTP_FUZZ_REPORT names a file that gets one line per finished target (bench/fuzz.sh sums them).
/// </summary>
internal static class FuzzRun
{
    public const long DefaultCount = 20_000;

    public static long Count => long.TryParse(Environment.GetEnvironmentVariable("FTP_FUZZ_COUNT"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
        ? n
        : DefaultCount;

    /// <summary>When set, each property runs for this many seconds instead of <see cref="Count"/> inputs.</summary>
    public static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("FTP_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
        ? n
        : -1;

    public static string? Seed => Environment.GetEnvironmentVariable("FTP_FUZZ_SEED") is { Length: > 0 } s ? s : null;

    /// <summary>Runs <paramref name="assert"/> on <see cref="Count"/> inputs of <paramref name="gen"/> and records the run.</summary>
    public static void Sample<T>(string target, Gen<T> gen, Action<T> assert, Func<T, string>? print = null)
    {
        long tried = 0;
        int failures = 0;
        try
        {
            gen.Sample(
                input =>
                {
                    Interlocked.Increment(ref tried);
                    assert(input);
                },
                seed: Seed,
                iter: Seconds > 0 ? -1 : Count,
                time: Seconds,
                threads: 1,
                print: print);
        }
        catch
        {
            failures = 1;
            throw;
        }
        finally
        {
            Record(target, Interlocked.Read(ref tried), failures);
        }
    }

    public static void Record(string target, long inputs, int failures, string? note = null)
    {
        if (Environment.GetEnvironmentVariable("FTP_FUZZ_REPORT") is not { Length: > 0 } file)
        {
            return;
        }

        string line = string.Create(CultureInfo.InvariantCulture, $"{target}\t{inputs}\t{failures}\t{Seed ?? "random"}\t{note ?? ""}\n");
        lock (typeof(FuzzRun))
        {
            File.AppendAllText(file, line);
        }
    }
}
