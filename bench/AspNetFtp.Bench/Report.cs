using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AspNetFtp.Bench;

/// <summary>Builds one machine-readable "RESULT k=v ..." line.</summary>
internal sealed class ResultLine
{
    private readonly StringBuilder _sb = new("RESULT");

    public ResultLine Add(string key, string value)
    {
        _sb.Append(' ').Append(key).Append('=').Append(value.Replace(' ', '_'));
        return this;
    }

    public ResultLine Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public ResultLine Add(string key, double value, int decimals = 2) =>
        Add(key, double.IsFinite(value) ? value.ToString("F" + decimals, CultureInfo.InvariantCulture) : "nan");

    public void Print() => Console.WriteLine(_sb.ToString());
}

/// <summary>Latency samples (milliseconds) with nearest-rank percentiles.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(long startTimestamp, long endTimestamp) =>
        _ms.Add(Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalMilliseconds);

    public double Percentile(double q)
    {
        var a = _ms.ToArray();
        if (a.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(a);
        int rank = (int)Math.Ceiling(q * a.Length);
        return a[Math.Clamp(rank - 1, 0, a.Length - 1)];
    }

    public double Max => _ms.IsEmpty ? double.NaN : _ms.Max();
}

/// <summary>Failure counter keeping the first few messages for the report.</summary>
internal sealed class Failures
{
    private readonly ConcurrentQueue<string> _first = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(int session, string stage, Exception e)
    {
        int n = Interlocked.Increment(ref _count);
        if (n <= 10)
        {
            string what = e switch
            {
                OperationCanceledException => "timeout",
                _ => e.GetType().Name + ": " + e.Message,
            };
            _first.Enqueue($"session {session} {stage}: {what}");
        }
    }

    public void Print()
    {
        foreach (string s in _first)
        {
            Console.Error.WriteLine("FAIL " + s);
        }

        if (Count > _first.Count)
        {
            Console.Error.WriteLine($"FAIL ... and {Count - _first.Count} more");
        }
    }
}

/// <summary>Samples the server's main-process VmRSS (every 250 ms) and process-tree PSS (every second), keeping the peaks.</summary>
internal sealed class PeakSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakRss;
    private long _peakPss;

    public PeakSampler(int pid)
    {
        _loop = pid > 0 ? Task.Run(() => LoopAsync(pid)) : Task.CompletedTask;
    }

    public long PeakRssKiB => Interlocked.Read(ref _peakRss);

    public long PeakTreePssKiB => Interlocked.Read(ref _peakPss);

    private async Task LoopAsync(int pid)
    {
        // Bounded: at most one hour of samples.
        for (int i = 0; i < 14_400 && !_stop.IsCancellationRequested; i++)
        {
            long rss = ProcStats.VmRssKiB(pid);
            if (rss > _peakRss)
            {
                Interlocked.Exchange(ref _peakRss, rss);
            }

            if (i % 4 == 0)
            {
                long pss = ProcStats.Memory(pid).TreePssKiB;
                if (pss > _peakPss)
                {
                    Interlocked.Exchange(ref _peakPss, pss);
                }
            }

            try
            {
                await Task.Delay(250, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>Releases all sessions at once when every one of them has arrived (logged in or failed).</summary>
internal sealed class StartGate(int parties)
{
    private readonly TaskCompletionSource<long> _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = parties;

    /// <summary>Completes with the Stopwatch timestamp at which the gate opened.</summary>
    public Task<long> Opened => _open.Task;

    public void Arrive()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _open.TrySetResult(Stopwatch.GetTimestamp());
        }
    }
}
