using System.Diagnostics;
using System.Globalization;
using AspNetFtp.Bench;

// AspNetFtp load generator. See docs/benchmarks.md. Exit codes: 0 ok, 1 usage or fatal error,
// 2 the scenario finished with failures, 3 the duration limit was hit.
if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Options.Usage);
    return 0;
}

if (args.Length > 0 && args[0] == "sdk")
{
    using var sdkLimit = new CancellationTokenSource(TimeSpan.FromMinutes(20));
    return await SdkCeiling.RunAsync(args[1..], sdkLimit.Token);
}

Options o;
try
{
    o = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 1;
}

using var global = new CancellationTokenSource(TimeSpan.FromSeconds(o.DurationLimit));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    global.Cancel();
};

// Last resort: if cancellation does not unwind everything in time, exit hard.
var watchdog = new Thread(() =>
{
    Thread.Sleep(TimeSpan.FromSeconds(o.DurationLimit + 15));
    Console.Error.WriteLine($"watchdog: duration limit {o.DurationLimit}s exceeded, exiting");
    Console.Out.Flush();
    Environment.Exit(3);
})
{ IsBackground = true };
watchdog.Start();

if (o.ServerPid > 0 && !ProcStats.Exists(o.ServerPid))
{
    Console.Error.WriteLine($"error: --server-pid {o.ServerPid}: no such process");
    return 1;
}

// Plenty of worker threads up front so that hundreds of concurrent sessions start promptly.
ThreadPool.GetMinThreads(out int workers, out int io);
ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

try
{
    return o.Scenario switch
    {
        "retr" => await Scenarios.TransferAsync(o, upload: false, global.Token),
        "stor" => await Scenarios.TransferAsync(o, upload: true, global.Token),
        "login-idle" => await Scenarios.LoginIdleAsync(o, global.Token),
        "mixed" => await Scenarios.MixedAsync(o, global.Token),
        "logins" => await Scenarios.LoginsAsync(o, global.Token),
        "hasher" => HasherScenario.Run(o.Logins, o.Parallel),
        "registry" => await RegistryScenario.RunAsync(o.Sessions, o.Logins, o.SourceCount, global.Token),
        "soak" => await SoakScenario.RunAsync(o, global.Token),
        _ => 1,
    };
}
catch (OperationCanceledException) when (global.IsCancellationRequested)
{
    Console.Error.WriteLine($"duration limit {o.DurationLimit.ToString(CultureInfo.InvariantCulture)}s reached (or interrupted)");
    return 3;
}

namespace AspNetFtp.Bench
{
    internal static class Scenarios
    {
        private const int RetrBufferSize = 256 * 1024;

        /// <summary>Limits concurrent connect+login when --ramp is given (a no-op otherwise).</summary>
        private sealed class Ramp(int k)
        {
            private readonly SemaphoreSlim? _sem = k > 0 ? new SemaphoreSlim(k, k) : null;

            public async Task<IDisposable> EnterAsync(CancellationToken ct)
            {
                if (_sem is null)
                {
                    return Releaser.None;
                }

                await _sem.WaitAsync(ct);
                return new Releaser(_sem);
            }

            private sealed class Releaser(SemaphoreSlim? sem) : IDisposable
            {
                public static readonly Releaser None = new(null);

                public void Dispose() => sem?.Release();
            }
        }

        private static bool IsShutdown(Exception e, CancellationToken ct) => e is OperationCanceledException && ct.IsCancellationRequested;

        /// <summary>retr / stor: all sessions log in, then transfer at once; throughput over the transfer phase.</summary>
        public static async Task<int> TransferAsync(Options o, bool upload, CancellationToken ct)
        {
            string scenario = upload ? "stor" : "retr";
            int n = o.Sessions;
            var gate = new StartGate(n);
            var ramp = new Ramp(o.Ramp);
            var lat = new Latencies();
            var fails = new Failures();
            long bytes = 0;
            long lastEnd = 0;
            int ok = 0;
            byte[] pattern = [];
            if (upload)
            {
                pattern = new byte[1 << 20];
                Random.Shared.NextBytes(pattern);
            }

            long t0Login = Stopwatch.GetTimestamp();
            await using var sampler = new PeakSampler(o.ServerPid);

            async Task Session(int i)
            {
                await Task.Yield();
                FtpClient? c = null;
                try
                {
                    try
                    {
                        using var slot = await ramp.EnterAsync(ct);
                        c = await FtpClient.ConnectAsync(o, ct);
                        await c.LoginAsync(ct);
                        await c.TypeImageAsync(ct);
                    }
                    catch (Exception e) when (!IsShutdown(e, ct))
                    {
                        fails.Add(i, "login", e);
                        gate.Arrive();
                        return;
                    }

                    gate.Arrive();
                    await gate.Opened.WaitAsync(ct);
                    long start = Stopwatch.GetTimestamp();
                    string remote = upload ? $"{o.File}.{i}" : o.File;
                    try
                    {
                        long got = upload
                            ? await c.StorAsync(remote, o.Size, pattern, ct)
                            : await c.RetrAsync(remote, new byte[RetrBufferSize], ct);
                        long end = Stopwatch.GetTimestamp();
                        if (!upload && o.Size > 0 && got != o.Size)
                        {
                            throw new FtpException($"size mismatch: got {got} bytes, expected {o.Size}");
                        }

                        lat.Add(start, end);
                        Interlocked.Add(ref bytes, got);
                        Interlocked.Increment(ref ok);
                        InterlockedMax(ref lastEnd, end);
                    }
                    catch (Exception e) when (!IsShutdown(e, ct))
                    {
                        fails.Add(i, scenario.ToUpperInvariant(), e);
                    }

                    if (upload && !o.KeepUploads)
                    {
                        try
                        {
                            await c.DeleteAsync(remote, ct);
                        }
                        catch (Exception e) when (!IsShutdown(e, ct))
                        {
                            Console.Error.WriteLine($"note: session {i}: DELE {remote} failed: {e.Message}");
                        }
                    }

                    await c.QuitAsync(ct);
                }
                finally
                {
                    if (c is not null)
                    {
                        await c.DisposeAsync();
                    }
                }
            }

            var tasks = Enumerable.Range(0, n).Select(Session).ToArray();
            long t0 = await gate.Opened.WaitAsync(ct);
            double loginAllMs = Stopwatch.GetElapsedTime(t0Login, t0).TotalMilliseconds;
            await Task.WhenAll(tasks);
            double secs = lastEnd > t0 ? Stopwatch.GetElapsedTime(t0, lastEnd).TotalSeconds : double.NaN;
            double mbps = bytes / secs / 1e6;

            new ResultLine()
                .Add("scenario", scenario).Add("server", o.Label).Add("tls", o.Tls ? 1 : 0)
                .Add("sessions", n).Add("ramp", o.Ramp).Add("size", o.Size).Add("ok", ok).Add("failures", fails.Count)
                .Add("bytes", bytes).Add("secs", secs, 3).Add("MBps", mbps, 1)
                .Add("p50_ms", lat.Percentile(0.50), 1).Add("p99_ms", lat.Percentile(0.99), 1).Add("max_ms", lat.Max, 1)
                .Add("login_all_ms", loginAllMs, 1)
                .Add("rss_kib", sampler.PeakRssKiB).Add("pss_tree_kib", sampler.PeakTreePssKiB)
                .Print();
            fails.Print();
            Console.WriteLine(
                $"# {scenario} {o.Label}{(o.Tls ? " (TLS)" : "")}: {n} sessions x {o.Size} B: {mbps:F1} MB/s aggregate " +
                $"over {secs:F2} s, per-transfer p50 {lat.Percentile(0.5):F1} ms / p99 {lat.Percentile(0.99):F1} ms, " +
                $"{fails.Count} failures, server peak RSS {sampler.PeakRssKiB} KiB (main pid), peak PSS {sampler.PeakTreePssKiB} KiB (tree)");
            return fails.Count == 0 ? 0 : 2;
        }

        /// <summary>login-idle: N concurrent logins, time until all are in, memory growth per idle session.</summary>
        public static async Task<int> LoginIdleAsync(Options o, CancellationToken ct)
        {
            int n = o.Sessions;
            await WarmupAsync(o, ct);
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, o.Settle)), ct);
            var before = o.ServerPid > 0 ? ProcStats.Memory(o.ServerPid) : default;

            var clients = new FtpClient?[n];
            var ramp = new Ramp(o.Ramp);
            var lat = new Latencies();
            var fails = new Failures();
            long t0 = Stopwatch.GetTimestamp();
            try
            {
                async Task Session(int i)
                {
                    await Task.Yield();
                    FtpClient? c = null;
                    try
                    {
                        using var slot = await ramp.EnterAsync(ct);
                        long s = Stopwatch.GetTimestamp();
                        c = await FtpClient.ConnectAsync(o, ct);
                        await c.LoginAsync(ct);
                        lat.Add(s, Stopwatch.GetTimestamp());
                        clients[i] = c;
                    }
                    catch (Exception e) when (!IsShutdown(e, ct))
                    {
                        fails.Add(i, "login", e);
                        if (c is not null)
                        {
                            await c.DisposeAsync();
                        }
                    }
                }

                await Task.WhenAll(Enumerable.Range(0, n).Select(Session));
                double allMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                int ok = clients.Count(c => c is not null);

                await Task.Delay(TimeSpan.FromSeconds(o.Settle), ct);
                var after = o.ServerPid > 0 ? ProcStats.Memory(o.ServerPid) : default;
                double rssPer = ok > 0 ? (after.MainRssKiB - before.MainRssKiB) / (double)ok : double.NaN;
                double pssPer = ok > 0 ? (after.TreePssKiB - before.TreePssKiB) / (double)ok : double.NaN;

                new ResultLine()
                    .Add("scenario", "login-idle").Add("server", o.Label).Add("tls", o.Tls ? 1 : 0)
                    .Add("sessions", n).Add("ramp", o.Ramp).Add("ok", ok).Add("failures", fails.Count)
                    .Add("all_logged_in_ms", allMs, 1).Add("p50_ms", lat.Percentile(0.5), 1).Add("p99_ms", lat.Percentile(0.99), 1)
                    .Add("rss_before_kib", before.MainRssKiB).Add("rss_after_kib", after.MainRssKiB).Add("rss_per_session_kib", rssPer, 1)
                    .Add("pss_tree_before_kib", before.TreePssKiB).Add("pss_tree_after_kib", after.TreePssKiB).Add("pss_tree_per_session_kib", pssPer, 1)
                    .Add("procs_before", before.Processes).Add("procs_after", after.Processes)
                    .Print();
                fails.Print();
                Console.WriteLine(
                    $"# login-idle {o.Label}{(o.Tls ? " (TLS)" : "")}: {ok}/{n} logged in, all in {allMs:F1} ms " +
                    $"(p50 {lat.Percentile(0.5):F1} / p99 {lat.Percentile(0.99):F1} ms); growth per session: " +
                    $"VmRSS(main pid) {rssPer:F1} KiB, PSS(process tree) {pssPer:F1} KiB; processes {before.Processes} -> {after.Processes}");

                await Task.Delay(TimeSpan.FromSeconds(o.Hold), ct);
                return fails.Count == 0 ? 0 : 2;
            }
            finally
            {
                using var quitCts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await Task.WhenAll(clients.Where(c => c is not null).Select(async c =>
                {
                    await c!.QuitAsync(quitCts.Token);
                    await c.DisposeAsync();
                }));
            }
        }

        /// <summary>mixed: N concurrent sessions each login + LIST + RETR; must have zero failures.</summary>
        public static async Task<int> MixedAsync(Options o, CancellationToken ct)
        {
            int n = o.Sessions;
            var lat = new Latencies();
            var fails = new Failures();
            long bytes = 0, listBytes = 0;
            var ramp = new Ramp(o.Ramp);
            int ok = 0;
            await using var sampler = new PeakSampler(o.ServerPid);
            long t0 = Stopwatch.GetTimestamp();

            async Task Session(int i)
            {
                await Task.Yield();
                long s = Stopwatch.GetTimestamp();
                string stage = "connect";
                FtpClient? c = null;
                try
                {
                    using (await ramp.EnterAsync(ct))
                    {
                        c = await FtpClient.ConnectAsync(o, ct);
                        stage = "login";
                        await c.LoginAsync(ct);
                        await c.TypeImageAsync(ct);
                    }

                    stage = "LIST";
                    var buf = new byte[64 * 1024];
                    long l = await c.ListAsync(buf, ct);
                    if (l == 0)
                    {
                        throw new FtpException("LIST returned no data");
                    }

                    stage = "RETR";
                    long got = await c.RetrAsync(o.File, buf, ct);
                    if (o.Size > 0 && got != o.Size)
                    {
                        throw new FtpException($"size mismatch: got {got} bytes, expected {o.Size}");
                    }

                    stage = "QUIT";
                    await c.QuitAsync(ct);
                    lat.Add(s, Stopwatch.GetTimestamp());
                    Interlocked.Add(ref bytes, got);
                    Interlocked.Add(ref listBytes, l);
                    Interlocked.Increment(ref ok);
                }
                catch (Exception e) when (!IsShutdown(e, ct))
                {
                    fails.Add(i, stage, e);
                }
                finally
                {
                    if (c is not null)
                    {
                        await c.DisposeAsync();
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, n).Select(Session));
            double secs = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            new ResultLine()
                .Add("scenario", "mixed").Add("server", o.Label).Add("tls", o.Tls ? 1 : 0)
                .Add("sessions", n).Add("ramp", o.Ramp).Add("size", o.Size).Add("ok", ok).Add("failures", fails.Count)
                .Add("bytes", bytes).Add("list_bytes", listBytes).Add("secs", secs, 3)
                .Add("p50_ms", lat.Percentile(0.5), 1).Add("p99_ms", lat.Percentile(0.99), 1).Add("max_ms", lat.Max, 1)
                .Add("rss_kib", sampler.PeakRssKiB).Add("pss_tree_kib", sampler.PeakTreePssKiB)
                .Print();
            fails.Print();
            Console.WriteLine(
                $"# mixed {o.Label}{(o.Tls ? " (TLS)" : "")}: {ok}/{n} sessions completed login+LIST+RETR in {secs:F2} s " +
                $"(per session p50 {lat.Percentile(0.5):F1} / p99 {lat.Percentile(0.99):F1} ms), {fails.Count} failures" +
                (fails.Count == 0 ? " -- zero-failure check PASSED" : " -- zero-failure check FAILED"));
            return fails.Count == 0 ? 0 : 2;
        }

        /// <summary>logins: sequential and parallel connect+USER+PASS+QUIT rates, server CPU per login.</summary>
        public static async Task<int> LoginsAsync(Options o, CancellationToken ct)
        {
            await WarmupAsync(o, ct);
            int f1 = await LoginPhaseAsync(o, "sequential", 1, ct);
            int f2 = await LoginPhaseAsync(o, "parallel", o.Parallel, ct);
            return f1 + f2 == 0 ? 0 : 2;
        }

        private static async Task<int> LoginPhaseAsync(Options o, string mode, int k, CancellationToken ct)
        {
            var lat = new Latencies();
            var fails = new Failures();
            int issued = 0, ok = 0;
            using var phase = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var deadline = TimeSpan.FromSeconds(o.PhaseLimit);
            long cpu0 = o.ServerPid > 0 ? ProcStats.CpuTicks(o.ServerPid) : 0;
            long t0 = Stopwatch.GetTimestamp();

            async Task Worker()
            {
                await Task.Yield();
                while (Stopwatch.GetElapsedTime(t0) < deadline && !ct.IsCancellationRequested)
                {
                    int i = Interlocked.Increment(ref issued);
                    if (i > o.Logins)
                    {
                        return;
                    }

                    long s = Stopwatch.GetTimestamp();
                    FtpClient? c = null;
                    try
                    {
                        c = await FtpClient.ConnectAsync(o, ct);
                        await c.LoginAsync(ct);
                        await c.QuitAsync(ct);
                        lat.Add(s, Stopwatch.GetTimestamp());
                        Interlocked.Increment(ref ok);
                    }
                    catch (Exception e) when (!IsShutdown(e, ct))
                    {
                        fails.Add(i, "login", e);
                    }
                    finally
                    {
                        if (c is not null)
                        {
                            await c.DisposeAsync();
                        }
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, k).Select(_ => Worker()));
            double secs = Stopwatch.GetElapsedTime(t0).TotalSeconds;

            // Forking servers account an exited session's CPU to the parent once it is reaped.
            await Task.Delay(500, ct);
            long cpu1 = o.ServerPid > 0 ? ProcStats.CpuTicks(o.ServerPid) : 0;
            double cpuMs = (cpu1 - cpu0) * 1000.0 / ProcStats.TicksPerSecond;
            double cpuUsPer = o.ServerPid > 0 && ok > 0 ? cpuMs * 1000.0 / ok : double.NaN;
            double rate = ok / secs;

            new ResultLine()
                .Add("scenario", "logins").Add("server", o.Label).Add("tls", o.Tls ? 1 : 0).Add("mode", mode).Add("parallel", k)
                .Add("ok", ok).Add("failures", fails.Count).Add("secs", secs, 3).Add("logins_per_s", rate, 1)
                .Add("p50_ms", lat.Percentile(0.5), 2).Add("p99_ms", lat.Percentile(0.99), 2)
                .Add("server_cpu_ms", cpuMs, 0).Add("cpu_us_per_login", cpuUsPer, 0)
                .Print();
            fails.Print();
            Console.WriteLine(
                $"# logins {mode} x{k} {o.Label}{(o.Tls ? " (TLS)" : "")}: {ok} logins in {secs:F2} s = {rate:F1}/s " +
                $"(p50 {lat.Percentile(0.5):F2} / p99 {lat.Percentile(0.99):F2} ms), server CPU {cpuUsPer:F0} us/login " +
                $"(tick resolution 10 ms over {cpuMs:F0} ms), {fails.Count} failures");
            return fails.Count;
        }

        private static async Task WarmupAsync(Options o, CancellationToken ct)
        {
            for (int i = 0; i < o.Warmup; i++)
            {
                try
                {
                    await using var c = await FtpClient.ConnectAsync(o, ct);
                    await c.LoginAsync(ct);
                    await c.QuitAsync(ct);
                }
                catch (Exception e) when (!IsShutdown(e, ct))
                {
                    Console.Error.WriteLine($"warm-up login {i} failed: {e.Message}");
                }
            }
        }

        private static void InterlockedMax(ref long target, long value)
        {
            long cur = Volatile.Read(ref target);
            while (value > cur)
            {
                long seen = Interlocked.CompareExchange(ref target, value, cur);
                if (seen == cur)
                {
                    return;
                }

                cur = seen;
            }
        }
    }
}
