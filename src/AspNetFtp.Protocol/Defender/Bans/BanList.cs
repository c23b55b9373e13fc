using System.Collections.Concurrent;
using System.Net;
using AspNetFtp.Protocol.Defender.Addresses;

namespace AspNetFtp.Protocol.Defender.Bans;

/// <summary>
/// The bans in memory, the fast path of every accept: a ban of one client key (an IPv4 address, or an IPv6 prefix
/// of <c>Limits:Ipv6PrefixLength</c>) is one dictionary look-up; other ranges (CIDRs banned by hand) are few and
/// checked one by one. Expired bans stay until the refresh forgets them, so a repeat offence is counted.
/// </summary>
internal sealed class BanList(int ipv6PrefixLength)
{
    private readonly ConcurrentDictionary<AddressRange, BanEntry> _bans = new();
    private readonly Lock _wideLock = new();
    private volatile BanEntry[] _wide = [];

    public int Count => _bans.Count;

    /// <summary>No ban held (lock-free when empty, the usual case at accept).</summary>
    public bool IsEmpty => _bans.IsEmpty;

    public IEnumerable<BanEntry> All => _bans.Values;

    /// <summary>The ban in force at <paramref name="now"/> that covers <paramref name="address"/>, or null.</summary>
    public BanEntry? Find(IPAddress address, DateTimeOffset now)
    {
        if (_bans.IsEmpty)
        {
            return null;
        }

        if (_bans.TryGetValue(AddressRange.ForClient(address, ipv6PrefixLength), out BanEntry? entry) && entry.Ban.IsActive(now))
        {
            return entry;
        }

        foreach (BanEntry wide in _wide)
        {
            if (wide.Ban.IsActive(now) && wide.Range.Contains(address))
            {
                return wide;
            }
        }

        return null;
    }

    public BanEntry? Get(AddressRange range) => _bans.GetValueOrDefault(range);

    public void Set(BanEntry entry)
    {
        _bans[entry.Range] = entry;
        if (!IsClientKey(entry.Range))
        {
            RebuildWide();
        }
    }

    /// <summary>Removes <paramref name="entry"/> if it is still the one held for its range.</summary>
    public bool Remove(BanEntry entry)
    {
        bool removed = _bans.TryRemove(new KeyValuePair<AddressRange, BanEntry>(entry.Range, entry));
        if (removed && !IsClientKey(entry.Range))
        {
            RebuildWide();
        }

        return removed;
    }

    private bool IsClientKey(AddressRange range) =>
        range.Network.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? range.PrefixLength == ipv6PrefixLength : range.PrefixLength == 32;

    private void RebuildWide()
    {
        lock (_wideLock)
        {
            _wide = [.. _bans.Values.Where(e => !IsClientKey(e.Range))];
        }
    }
}
