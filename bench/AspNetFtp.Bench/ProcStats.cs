using System.Globalization;

namespace AspNetFtp.Bench;

/// <summary>Memory of a server's process tree at one instant.</summary>
internal readonly record struct MemSample(long MainRssKiB, long TreeRssKiB, long TreePssKiB, int Processes);

/// <summary>
/// Reads a server's memory and CPU time from /proc. For forking servers (vsftpd) the process
/// tree (the pid and all its descendants) matters, so both the main process's VmRSS and the sum
/// of PSS over the tree (from smaps_rollup) are reported.
/// </summary>
internal static class ProcStats
{
    /// <summary>USER_HZ; 100 on every Linux x86-64/arm64 kernel.</summary>
    public const double TicksPerSecond = 100.0;

    public static bool Exists(int pid) => pid > 0 && Directory.Exists($"/proc/{pid}");

    public static long VmRssKiB(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return ParseKiB(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Process gone.
        }

        return 0;
    }

    /// <summary>The pid followed by all its descendants (a snapshot of /proc).</summary>
    public static List<int> Tree(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            string name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int p))
            {
                continue;
            }

            string[]? f = StatFields(p);
            if (f is null || !int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ppid))
            {
                continue;
            }

            if (!children.TryGetValue(ppid, out var list))
            {
                children[ppid] = list = [];
            }

            list.Add(p);
        }

        var result = new List<int> { pid };
        for (int i = 0; i < result.Count && i < 100_000; i++)
        {
            if (children.TryGetValue(result[i], out var kids))
            {
                result.AddRange(kids);
            }
        }

        return result;
    }

    public static MemSample Memory(int pid)
    {
        long rss = 0, pss = 0;
        var tree = Tree(pid);
        foreach (int p in tree)
        {
            try
            {
                foreach (string line in File.ReadLines($"/proc/{p}/smaps_rollup"))
                {
                    if (line.StartsWith("Rss:", StringComparison.Ordinal))
                    {
                        rss += ParseKiB(line);
                    }
                    else if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    {
                        pss += ParseKiB(line);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile.
            }
        }

        return new MemSample(VmRssKiB(pid), rss, pss, tree.Count);
    }

    /// <summary>
    /// utime+stime+cutime+cstime summed over the pid and its live descendants, in ticks. Children
    /// that exited and were reaped are included through their parent's cutime/cstime.
    /// </summary>
    public static long CpuTicks(int pid)
    {
        long total = 0;
        foreach (int p in Tree(pid))
        {
            string[]? f = StatFields(p);
            if (f is null)
            {
                continue;
            }

            for (int i = 11; i <= 14; i++)
            {
                if (long.TryParse(f[i], NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                {
                    total += v;
                }
            }
        }

        return total;
    }

    /// <summary>Fields of /proc/PID/stat after the command name: [0] = state (field 3), [1] = ppid, [11] = utime (field 14).</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            string s = File.ReadAllText($"/proc/{pid}/stat");
            int close = s.LastIndexOf(')');
            if (close < 0 || close + 2 >= s.Length)
            {
                return null;
            }

            string[] f = s[(close + 2)..].Split(' ');
            return f.Length > 14 ? f : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long ParseKiB(string line)
    {
        // "VmRSS:     12345 kB"
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        var span = line.AsSpan(colon + 1).Trim();
        int sp = span.IndexOf(' ');
        if (sp > 0)
        {
            span = span[..sp];
        }

        return long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : 0;
    }
}
