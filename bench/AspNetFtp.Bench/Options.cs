using System.Globalization;
using System.Net;

namespace AspNetFtp.Bench;

/// <summary>Command-line options of the load generator. Every option has a bounded default.</summary>
internal sealed class Options
{
    public string Scenario { get; private set; } = "";
    public string Host { get; private set; } = "127.0.0.1";
    public IPAddress Address { get; private set; } = IPAddress.Loopback;
    public int Port { get; private set; } = 21;
    public string User { get; private set; } = "anonymous";
    public string Password { get; private set; } = "bench@example.invalid";
    public bool Tls { get; private set; }
    public int Sessions { get; private set; } = 1;
    public long Size { get; private set; }
    public string File { get; private set; } = "";
    public int ServerPid { get; private set; }
    public double DurationLimit { get; private set; } = 300;
    public double OpTimeout { get; private set; } = 30;
    public string Label { get; private set; } = "";
    public int Parallel { get; private set; } = 8;
    public int Logins { get; private set; } = 1000;
    public double PhaseLimit { get; private set; } = 30;
    public double Settle { get; private set; } = 2;
    public double Hold { get; private set; } = 2;
    public int Warmup { get; private set; } = 3;
    public bool ForcePasv { get; private set; }
    public bool Verbose { get; private set; }
    public bool KeepUploads { get; private set; }
    public int Ramp { get; private set; }
    public int SourceCount { get; private set; } = 1;

    /// <summary>soak: how long the sessions keep working, in seconds.</summary>
    public double RunSeconds { get; private set; } = 60;

    /// <summary>soak: the pause of each session between two operations, in milliseconds.</summary>
    public int PaceMilliseconds { get; private set; } = 100;
    private int _nextSource;

    /// <summary>
    /// The local address for a new control connection: 127.0.0.1 .. 127.0.0.N in turn when --source-count N
    /// is above 1 (one address has about 28,000 ephemeral ports), otherwise none (the kernel chooses).
    /// </summary>
    public IPAddress? NextSource()
    {
        if (SourceCount <= 1)
        {
            return null;
        }

        int i = (int)((uint)Interlocked.Increment(ref _nextSource) % (uint)SourceCount);
        return new IPAddress(new byte[] { 127, 0, 0, (byte)(i + 1) });
    }

    public TimeSpan OpTimeoutSpan => TimeSpan.FromSeconds(OpTimeout);

    public const string Usage = """
        usage: AspNetFtp.Bench <scenario> [options]
          scenarios: retr | stor | login-idle | mixed | logins | hasher | registry | soak
          (soak: --sessions sessions, each reconnecting after 3 rounds of 8 operations, doing MKD, STOR, SIZE, RETR, LIST,
           RNFR/RNTO, MLSD, DELE, RMD with checked sizes for --run seconds, --pace ms apart; progress every 30 s)
          (hasher: Identity's default password hasher alone, --logins verifications, --parallel at once)
          (registry: an in-process server with --sessions connected, --logins calls of the session list timed)
          --host H            target (loopback only: 127.0.0.0/8, ::1, localhost)  [127.0.0.1]
          --port N            control port                                          [21]
          --user U --password P                                                     [anonymous]
          --tls               explicit FTPS: AUTH TLS, PBSZ 0, PROT P (any certificate accepted)
          --sessions N        concurrent sessions (retr/stor/login-idle/mixed)      [1]
          --size BYTES        retr: expected size (checked); stor: bytes uploaded; mixed: expected RETR size
                              (suffixes K, M, G = KiB, MiB, GiB)
          --file NAME         retr/mixed: remote file; stor: remote name prefix (".<i>" appended per session)
          --server-pid PID    server process to sample (VmRSS, PSS of the process tree, CPU time)
          --label L           server label printed in RESULT lines                 [host:port]
          --duration-limit S  hard limit of the whole run                           [300]
          --op-timeout S      per-operation (and per data chunk) timeout            [30]
          --parallel K        logins: concurrency of the parallel phase             [8]
          --logins N          logins: logins per phase                              [1000]
          --phase-limit S     logins: time cap of each phase                        [30]
          --settle S          login-idle: wait before sampling memory               [2]
          --hold S            login-idle: keep sessions idle this long after sampling [2]
          --warmup N          login-idle/logins: warm-up logins before measuring    [3]
          --ramp K            at most K sessions connecting/logging in at once (0 = all at once)  [0]
          --pasv              use PASV instead of EPSV
          --source-count N    bind control (and their data) connections to 127.0.0.1 .. 127.0.0.N in turn
                              (IPv4 loopback targets only; for more sessions than one address has ports) [1]
          --keep-uploads      stor: do not DELE the uploaded files afterwards
          --run S             soak: how long the sessions work                      [60]
          --pace MS           soak: pause of each session between operations        [100]
          --verbose
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            throw new ArgumentException("no scenario");
        }

        o.Scenario = args[0];
        if (o.Scenario is not ("retr" or "stor" or "login-idle" or "mixed" or "logins" or "hasher" or "registry" or "soak"))
        {
            throw new ArgumentException($"unknown scenario '{o.Scenario}'");
        }

        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            string Next()
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{a} needs a value");
                }

                return args[++i];
            }

            switch (a)
            {
                case "--host": o.Host = Next(); break;
                case "--port": o.Port = ParseInt(Next(), 1, 65535, a); break;
                case "--user": o.User = Next(); break;
                case "--password": o.Password = Next(); break;
                case "--tls": o.Tls = true; break;
                case "--sessions": o.Sessions = ParseInt(Next(), 1, 20_000, a); break;
                case "--size": o.Size = ParseSize(Next()); break;
                case "--file": o.File = Next(); break;
                case "--server-pid": o.ServerPid = ParseInt(Next(), 1, int.MaxValue, a); break;
                case "--label": o.Label = Next(); break;
                case "--duration-limit": o.DurationLimit = ParseDouble(Next(), 1, 15_000, a); break;
                case "--op-timeout": o.OpTimeout = ParseDouble(Next(), 0.1, 600, a); break;
                case "--parallel": o.Parallel = ParseInt(Next(), 1, 1000, a); break;
                case "--logins": o.Logins = ParseInt(Next(), 1, 100_000, a); break;
                case "--phase-limit": o.PhaseLimit = ParseDouble(Next(), 0.1, 3600, a); break;
                case "--settle": o.Settle = ParseDouble(Next(), 0, 600, a); break;
                case "--hold": o.Hold = ParseDouble(Next(), 0, 600, a); break;
                case "--warmup": o.Warmup = ParseInt(Next(), 0, 1000, a); break;
                case "--ramp": o.Ramp = ParseInt(Next(), 0, 5000, a); break;
                case "--pasv": o.ForcePasv = true; break;
                case "--source-count": o.SourceCount = ParseInt(Next(), 1, 254, a); break;
                case "--keep-uploads": o.KeepUploads = true; break;
                case "--run": o.RunSeconds = ParseDouble(Next(), 1, 14_400, a); break;
                case "--pace": o.PaceMilliseconds = ParseInt(Next(), 0, 60_000, a); break;
                case "--verbose": o.Verbose = true; break;
                default: throw new ArgumentException($"unknown option '{a}'");
            }
        }

        o.Address = ResolveLoopback(o.Host);
        if (o.Label.Length == 0)
        {
            o.Label = $"{o.Host}:{o.Port}";
        }

        if (o.Scenario is "retr" or "mixed" && o.File.Length == 0)
        {
            throw new ArgumentException($"{o.Scenario} needs --file");
        }

        if (o.Scenario == "stor")
        {
            if (o.Size <= 0)
            {
                throw new ArgumentException("stor needs --size > 0");
            }

            if (o.File.Length == 0)
            {
                o.File = "bench-upload";
            }
        }

        return o;
    }

    /// <summary>Only loopback targets are allowed: this tool generates load.</summary>
    private static IPAddress ResolveLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (!IPAddress.TryParse(host, out var ip))
        {
            throw new ArgumentException($"--host must be a loopback IP address or 'localhost', got '{host}'");
        }

        if (!IPAddress.IsLoopback(ip))
        {
            throw new ArgumentException($"refusing non-loopback target {ip}: only 127.0.0.0/8 and ::1 are allowed");
        }

        return ip;
    }

    private static int ParseInt(string s, int min, int max, string name)
    {
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            throw new ArgumentException($"{name}: expected an integer in [{min}, {max}], got '{s}'");
        }

        return v;
    }

    private static double ParseDouble(string s, double min, double max, string name)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < min || v > max)
        {
            throw new ArgumentException($"{name}: expected a number in [{min}, {max}], got '{s}'");
        }

        return v;
    }

    internal static long ParseSize(string s)
    {
        long mult = 1;
        string t = s.Trim();
        if (t.Length > 0)
        {
            char c = char.ToUpperInvariant(t[^1]);
            mult = c switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
            if (mult != 1)
            {
                t = t[..^1];
            }
        }

        if (!long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < 0 || v > (64L << 30) / mult)
        {
            throw new ArgumentException($"--size: expected bytes (0..64G), got '{s}'");
        }

        return v * mult;
    }
}
