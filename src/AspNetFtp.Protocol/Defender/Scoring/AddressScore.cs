namespace AspNetFtp.Protocol.Defender.Scoring;

/// <summary>One address's points within its observation window (guarded by its own lock).</summary>
internal sealed class AddressScore(DateTimeOffset windowStart)
{
    public DateTimeOffset WindowStart { get; set; } = windowStart;

    public int Points { get; set; }
}
