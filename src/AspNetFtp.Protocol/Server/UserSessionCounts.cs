namespace AspNetFtp.Protocol.Server;

/// <summary>
/// Logged-in sessions per user name across the server, for <c>MaxSessions</c>: a login takes a place atomically
/// (two logins racing for the last place cannot both get it) and gives it back at REIN or when the session ends.
/// </summary>
internal sealed class UserSessionCounts
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes a place for <paramref name="user"/> unless <paramref name="most"/> are taken already (null: no limit).</summary>
    public bool TryEnter(string user, int? most)
    {
        lock (_lock)
        {
            _counts.TryGetValue(user, out int count);
            if (most is int limit && count >= limit)
            {
                return false;
            }

            _counts[user] = count + 1;
            return true;
        }
    }

    public void Leave(string user)
    {
        lock (_lock)
        {
            if (_counts.TryGetValue(user, out int count))
            {
                if (count <= 1)
                {
                    _counts.Remove(user);
                }
                else
                {
                    _counts[user] = count - 1;
                }
            }
        }
    }

    /// <summary>The sessions <paramref name="user"/> holds now.</summary>
    public int Of(string user)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(user);
        }
    }
}
