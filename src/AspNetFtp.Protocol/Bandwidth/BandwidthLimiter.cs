using System.Threading.RateLimiting;

namespace AspNetFtp.Protocol.Bandwidth;

/// <summary>
/// One byte rate as a token bucket (a token a byte): refilled every tenth of a second with a tenth of the rate,
/// holding at most two refills, so a transfer starts at most 0.2 s of the rate ahead (2 % over 10 s) and a waiting
/// one is woken ten times a second. Waiters are served oldest first, so the sessions under a server-wide cap share it.
/// </summary>
internal sealed class BandwidthLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;

    public BandwidthLimiter(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        BytesPerSecond = bytesPerSecond;
        // A tenth of a second's worth per refill; below 10 B/s one token per refill at a longer period.
        long perRefill = Math.Clamp(bytesPerSecond / 10, 1, int.MaxValue / 2);
        TimeSpan period = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerSecond * perRefill / bytesPerSecond));
        MaxChunk = (int)(perRefill * 2);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = MaxChunk,
            TokensPerPeriod = (int)perRefill,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public long BytesPerSecond { get; }

    /// <summary>The most bytes one wait may ask for (the bucket's size).</summary>
    public int MaxChunk { get; }

    /// <summary>Waits until <paramref name="bytes"/> (at most <see cref="MaxChunk"/>) may move.</summary>
    public async ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        using RateLimitLease lease = await _bucket.AcquireAsync(Math.Min(bytes, MaxChunk), cancellationToken);
        if (!lease.IsAcquired)
        {
            // Only when the limiter is disposed (the server stopping): the transfer ends as cut.
            throw new OperationCanceledException("The bandwidth limiter was disposed.");
        }
    }

    public void Dispose() => _bucket.Dispose();
}
