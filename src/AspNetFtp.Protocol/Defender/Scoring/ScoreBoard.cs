using System.Collections.Concurrent;
using AspNetFtp.Protocol.Defender.Addresses;

namespace AspNetFtp.Protocol.Defender.Scoring;

/// <summary>
/// Points per address within the observation window (which starts at the address's first point), at most
/// <c>capacity</c> addresses: when full, ended windows are dropped first, then the oldest tenth, so a flood of
/// new addresses costs bounded memory and the time of one sweep per tenth of the capacity.
/// </summary>
internal sealed class ScoreBoard(TimeSpan window, int capacity)
{
    private readonly ConcurrentDictionary<AddressRange, AddressScore> _scores = new();
    private readonly Lock _sweep = new();

    public int Count => _scores.Count;

    /// <summary>Adds <paramref name="points"/> to <paramref name="key"/>'s score; the total within its window.</summary>
    public int Add(AddressRange key, int points, DateTimeOffset now)
    {
        if (!_scores.TryGetValue(key, out AddressScore? score))
        {
            if (_scores.Count >= capacity)
            {
                MakeRoom(now);
            }

            score = _scores.GetOrAdd(key, _ => new AddressScore(now));
        }

        lock (score)
        {
            if (now - score.WindowStart >= window)
            {
                score.WindowStart = now;
                score.Points = 0;
            }

            score.Points = (int)Math.Min(int.MaxValue, (long)score.Points + points);
            return score.Points;
        }
    }

    /// <summary>Forgets <paramref name="key"/>'s score (it was banned).</summary>
    public void Reset(AddressRange key) => _scores.TryRemove(key, out _);

    /// <summary>Drops the scores whose window has ended.</summary>
    public void RemoveEnded(DateTimeOffset now)
    {
        foreach ((AddressRange key, AddressScore score) in _scores)
        {
            if (now - score.WindowStart >= window)
            {
                _scores.TryRemove(new KeyValuePair<AddressRange, AddressScore>(key, score));
            }
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        lock (_sweep)
        {
            if (_scores.Count < capacity)
            {
                return;
            }

            RemoveEnded(now);
            int excess = _scores.Count - capacity + Math.Max(1, capacity / 10);
            if (excess <= 0)
            {
                return;
            }

            foreach (KeyValuePair<AddressRange, AddressScore> oldest in _scores.OrderBy(static p => p.Value.WindowStart).Take(excess).ToList())
            {
                _scores.TryRemove(oldest);
            }
        }
    }
}
