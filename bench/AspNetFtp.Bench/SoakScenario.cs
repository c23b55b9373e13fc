using System.Diagnostics;
using System.Globalization;

namespace AspNetFtp.Bench;

/// <summary>
/// soak: many sessions doing everyday work for a long time. Each session logs in, works in a directory of its own
/// (MKD, STOR of 1-64 KiB, SIZE and RETR checked against what it stored, LIST, MLSD, RNFR/RNTO, DELE, RMD) with a
/// pause between operations, and reconnects after <see cref="RoundsPerConnection"/> rounds of 8 operations, so logins and
/// session ends are part of the load. Any reply out of place or size mismatch is a failure; the session then
/// reconnects and goes on. Prints progress every 30 s and one RESULT line.
/// </summary>
internal static class SoakScenario
{
    private const int RoundsPerConnection = 3;

    public static async Task<int> RunAsync(Options o, CancellationToken ct)
    {
        long operations = 0;
        var failures = new Failures();
        var pattern = new byte[64 * 1024];
        new Random(20261130).NextBytes(pattern);
        long t0 = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(o.RunSeconds));

        async Task Session(int i)
        {
            await Task.Yield();
            var random = new Random(i);
            var buffer = new byte[128 * 1024];
            for (int connection = 0; !stop.IsCancellationRequested; connection++)
            {
                string stage = "connect";
                string dir = $"soak-{i}-{connection}";
                try
                {
                    await using FtpClient c = await FtpClient.ConnectAsync(o, stop.Token);
                    stage = "login";
                    await c.LoginAsync(stop.Token);
                    await c.TypeImageAsync(stop.Token);
                    stage = "MKD";
                    await c.ExpectReplyAsync("MKD " + dir, 2, stop.Token);
                    Interlocked.Add(ref operations, 2);
                    for (int op = 0; op < RoundsPerConnection && !stop.IsCancellationRequested; op++)
                    {
                        long size = random.Next(1024, pattern.Length + 1);
                        string name = $"{dir}/f{op}.bin";
                        stage = "STOR";
                        await c.StorAsync(name, size, pattern, stop.Token);
                        await Pace(o, stop.Token);
                        stage = "SIZE";
                        Check(await c.SizeAsync(name, stop.Token), size, "SIZE");
                        stage = "RETR";
                        Check(await c.RetrAsync(name, buffer, stop.Token), size, "RETR");
                        await Pace(o, stop.Token);
                        stage = "LIST";
                        await c.ListAsync(buffer, stop.Token);
                        stage = "RNFR";
                        await c.ExpectReplyAsync("RNFR " + name, 3, stop.Token);
                        stage = "RNTO";
                        await c.ExpectReplyAsync($"RNTO {name}.done", 2, stop.Token);
                        await Pace(o, stop.Token);
                        stage = "MLST";
                        await c.ExpectReplyAsync($"MLST {name}.done", 2, stop.Token);
                        stage = "DELE";
                        await c.DeleteAsync(name + ".done", stop.Token);
                        Interlocked.Add(ref operations, 8);
                        await Pace(o, stop.Token);
                    }

                    stage = "RMD";
                    await c.ExpectReplyAsync("RMD " + dir, 2, CancellationToken.None);
                    await c.QuitAsync(CancellationToken.None);
                    Interlocked.Add(ref operations, 2);
                }
                catch (Exception e) when (e is OperationCanceledException && stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failures.Add(i, stage, e);
                }
            }
        }

        var progress = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"progress seconds={Stopwatch.GetElapsedTime(t0).TotalSeconds:0} operations={Interlocked.Read(ref operations)} failures={failures.Count}"));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, o.Sessions).Select(Session));
        await progress;
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        failures.Print();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT scenario=soak label={o.Label} sessions={o.Sessions} seconds={seconds:0} operations={operations} failures={failures.Count} ops_per_s={operations / seconds:0}"));
        return failures.Count == 0 ? 0 : 2;
    }

    private static Task Pace(Options o, CancellationToken ct) =>
        o.PaceMilliseconds > 0 ? Task.Delay(o.PaceMilliseconds, ct) : Task.CompletedTask;

    private static void Check(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new FtpException($"{what}: {actual} bytes, stored {expected}");
        }
    }
}
