using System.Globalization;
using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender.Addresses;
using AspNetFtp.Protocol.Defender.Bans;
using AspNetFtp.Protocol.Defender.Scoring;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Defender;

/// <summary>
/// The defender (<c>FtpServer:Defender</c>): points per client address for failed logins, command errors,
/// connections without login and refused data connections; past <see cref="FtpDefenderOptions.Threshold"/> within
/// the window, a ban that grows with each repeat offence, enforced with 421 at accept. Bans live in memory (accept
/// never waits for a database) and in the <see cref="IFtpBanStore"/>, written in the background and read again every
/// <see cref="FtpDefenderOptions.RefreshInterval"/> for other nodes' bans and lifts. A failing store bans and refuses
/// nobody. The web admin and the CLI list, add and lift bans through it.
/// </summary>
public sealed class FtpDefender : IAsyncDisposable
{
    private readonly FtpDefenderOptions _options;
    private readonly int _ipv6PrefixLength;
    private readonly IFtpBanStore _store;
    private readonly TimeProvider _time;
    private readonly FtpMetrics _metrics;
    private readonly Action<FtpEvent> _publish;
    private readonly ILogger _logger;
    private readonly AllowList _allowList;
    private readonly ScoreBoard _scores;
    private readonly BanList _bans;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Task _loop = Task.CompletedTask;
    private bool _storeFailing;
    private int _started;
    private long _stamp;

    // trustedProxies: the load balancers of ProxyProtocol:TrustedProxies (when enabled), allow-listed like
    // Defender:AllowList, since their connections stand for other clients, who are scored and banned by the address
    // their header names.
    internal FtpDefender(FtpDefenderOptions options, int ipv6PrefixLength, IFtpBanStore store, TimeProvider time, FtpMetrics metrics, Action<FtpEvent> publish, ILogger logger,
        IEnumerable<string>? trustedProxies = null)
    {
        _options = options;
        _ipv6PrefixLength = ipv6PrefixLength;
        _store = store;
        _time = time;
        _metrics = metrics;
        _publish = publish;
        _logger = logger;
        _allowList = new AllowList([.. options.AllowList ?? [], .. trustedProxies ?? []]);
        _scores = new ScoreBoard(options.ObservationWindow, options.MaxTrackedAddresses);
        _bans = new BanList(ipv6PrefixLength);
    }

    /// <summary>Whether scoring, bans and their enforcement are on (<c>Defender:Enabled</c>).</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Addresses scored now (at most <c>Defender:MaxTrackedAddresses</c>).</summary>
    internal int TrackedAddresses => _scores.Count;

    /// <summary>
    /// The canonical text of an address or CIDR range as the store keys it (<c>10.0.0.0/8</c>, an IPv6 address in its
    /// short form); false for anything else (host names, short IPv4 forms, a prefix too long for the family).
    /// </summary>
    public static bool TryNormalizeAddress(string? text, out string canonical)
    {
        bool ok = AddressRange.TryParse(text, out AddressRange range);
        canonical = ok ? range.ToString() : string.Empty;
        return ok;
    }

    /// <summary>Whether a connection from <paramref name="address"/> must be refused: memory only, never the store.</summary>
    internal bool IsBanned(IPAddress address) =>
        _options.Enabled && !_bans.IsEmpty && !_allowList.Contains(address) && _bans.Find(address, _time.GetUtcNow()) is not null;

    /// <summary>Gives <paramref name="address"/> the points of <paramref name="reason"/>; bans it when its score reaches the threshold.</summary>
    internal void Score(IPAddress address, FtpScoreReason reason)
    {
        int points = WeightOf(reason);
        if (!_options.Enabled || points == 0 || _allowList.Contains(address))
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        AddressRange key = AddressRange.ForClient(address, _ipv6PrefixLength);
        int total = _scores.Add(key, points, now);
        _metrics.DefenderPoints(reason, points);
        string keyText = key.ToString();
        _publish(new AddressScored(now, keyText, reason, points, total));
        if (total < _options.Threshold)
        {
            return;
        }

        _scores.Reset(key);
        BanEntry? previous = _bans.Get(key);
        if (previous is not null && previous.Ban.IsActive(now))
        {
            return;
        }

        int offences = (previous?.Ban.Offences ?? 0) + 1;
        TimeSpan length = BanDurations.For(offences, _options.BanTime, _options.MaxBanTime);
        string why = string.Create(CultureInfo.InvariantCulture, $"{total} points within {_options.ObservationWindow} (last: {reason})");
        var entry = new BanEntry(key, new FtpAddressBan(keyText, why, now, now + length, offences, null), null);
        _bans.Set(entry);
        _metrics.DefenderBanAdded(byAdministrator: false);
        FtpLog.AddressBanned(_logger, keyText, length.TotalMinutes, offences, why);
        _publish(new AddressBanned(now, entry.Ban));
        _ = SaveAsync(entry);
    }

    /// <summary>
    /// Bans <paramref name="address"/> (an address or CIDR range) by hand for <paramref name="duration"/>, or until
    /// lifted when null; written to the store first, so a store failure throws and bans nobody.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not an address or CIDR range, or the duration is not positive.</exception>
    public async Task<FtpAddressBan> BanAsync(string address, TimeSpan? duration, string reason, string? createdBy, CancellationToken cancellationToken)
    {
        if (!AddressRange.TryParse(address, out AddressRange range))
        {
            throw new ArgumentException($"'{address}' is not an IP address or CIDR range.", nameof(address));
        }

        if (duration is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{d} is not a positive duration.", nameof(duration));
        }

        string text = range.ToString();
        FtpAddressBan? stored = await _store.FindAsync(text, cancellationToken);
        int offences = Math.Max(stored?.Offences ?? 0, _bans.Get(range)?.Ban.Offences ?? 0) + 1;
        DateTimeOffset now = _time.GetUtcNow();
        var ban = new FtpAddressBan(text, string.IsNullOrWhiteSpace(reason) ? "banned by an administrator" : reason.Trim(), now, now + duration, offences, createdBy);
        await _store.SaveAsync(ban, cancellationToken);
        _bans.Set(new BanEntry(range, ban, NextStamp()));
        _metrics.DefenderBanAdded(byAdministrator: true);
        FtpLog.AddressBanned(_logger, text, duration?.TotalMinutes ?? double.PositiveInfinity, offences, ban.Reason);
        _publish(new AddressBanned(now, ban));
        return ban;
    }

    /// <summary>Lifts the ban of <paramref name="address"/> in the store and here; false when there was none. Other nodes see it at their next refresh.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not an address or CIDR range.</exception>
    public async Task<bool> LiftAsync(string address, string? liftedBy, CancellationToken cancellationToken)
    {
        if (!AddressRange.TryParse(address, out AddressRange range))
        {
            throw new ArgumentException($"'{address}' is not an IP address or CIDR range.", nameof(address));
        }

        string text = range.ToString();
        bool lifted = await _store.LiftAsync(text, cancellationToken);
        if (_bans.Get(range) is { } local)
        {
            lifted |= _bans.Remove(local);
        }

        if (lifted)
        {
            _metrics.DefenderBanLifted();
            FtpLog.AddressBanLifted(_logger, text, liftedBy ?? "");
            _publish(new AddressBanLifted(_time.GetUtcNow(), text) { LiftedBy = liftedBy });
        }

        return lifted;
    }

    /// <summary>The bans in force: the store's, with this node's not yet written; this node's alone when the store fails.</summary>
    public async Task<IReadOnlyList<FtpAddressBan>> ListActiveAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var found = new Dictionary<string, FtpAddressBan>(StringComparer.Ordinal);
        foreach (BanEntry entry in _bans.All)
        {
            found[entry.Ban.Address] = entry.Ban;
        }

        try
        {
            foreach (FtpAddressBan ban in await _store.ListAsync(now, cancellationToken))
            {
                found[ban.Address] = ban;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StoreFailed(ex);
        }

        return [.. found.Values.Where(b => b.IsActive(now)).OrderByDescending(b => b.Created)];
    }

    /// <summary>Reads the bans kept in the store (before the server accepts anyone), then refreshes every <c>Defender:RefreshInterval</c> until stopped.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        // Like the readiness checks, this read comes before the first accept; a failing store is logged and bans nobody.
        await RefreshAsync(cancellationToken);

        _loop = RunAsync();
    }

    /// <summary>
    /// Writes the bans the store has not taken yet, reads the store's (other nodes' bans; lifts as bans gone), forgets
    /// bans expired longer than <c>MaxBanTime</c> ago and scores whose window ended. Never throws for the store.
    /// </summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = _time.GetUtcNow();
            DateTimeOffset rememberFrom = now - _options.MaxBanTime;
            _scores.RemoveEnded(now);
            foreach (BanEntry entry in _bans.All)
            {
                if (entry.Ban.Expires is { } end && end < rememberFrom)
                {
                    _bans.Remove(entry);
                }
            }

            try
            {
                foreach (BanEntry unsaved in _bans.All.Where(e => e.SavedStamp is null).ToList())
                {
                    await _store.SaveAsync(unsaved.Ban, cancellationToken);
                    unsaved.SavedStamp = NextStamp();
                }

                long started = NextStamp();

                IReadOnlyList<FtpAddressBan> stored = await _store.ListAsync(rememberFrom, cancellationToken);
                Merge(stored, started);
                await _store.ForgetAsync(rememberFrom, cancellationToken);
                if (_storeFailing)
                {
                    _storeFailing = false;
                    FtpLog.BanStoreRecovered(_logger);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                StoreFailed(ex);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private void Merge(IReadOnlyList<FtpAddressBan> stored, long started)
    {
        var seen = new HashSet<AddressRange>();
        foreach (FtpAddressBan ban in stored)
        {
            if (!AddressRange.TryParse(ban.Address, out AddressRange range))
            {
                continue;
            }

            seen.Add(range);
            BanEntry? local = _bans.Get(range);
            if (local is null || (local.Ban != ban && local.SavedStamp is not null))
            {
                _bans.Set(new BanEntry(range, ban, started));
            }
        }

        // A ban written before this read and no longer in the store was lifted (or forgotten) on another node.
        foreach (BanEntry entry in _bans.All)
        {
            if (!seen.Contains(entry.Range) && entry.SavedStamp is { } saved && saved < started)
            {
                _bans.Remove(entry);
            }
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await RefreshAsync(_stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task SaveAsync(BanEntry entry)
    {
        try
        {
            await _store.SaveAsync(entry.Ban, _stopping.Token);
            entry.SavedStamp = NextStamp();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // Kept in memory and enforced here; the next refresh writes it again.
            StoreFailed(ex);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void StoreFailed(Exception ex)
    {
        _metrics.DefenderStoreFailed();
        if (!_storeFailing)
        {
            _storeFailing = true;
            FtpLog.BanStoreFailed(_logger, ex);
        }
    }

    private long NextStamp() => Interlocked.Increment(ref _stamp);

    private int WeightOf(FtpScoreReason reason) => reason switch
    {
        FtpScoreReason.FailedLogin => _options.FailedLoginWeight,
        FtpScoreReason.CommandError => _options.CommandErrorWeight,
        FtpScoreReason.ConnectionWithoutLogin => _options.ConnectionWithoutLoginWeight,
        FtpScoreReason.RefusedDataConnection => _options.RefusedDataConnectionWeight,
        _ => 0,
    };

    /// <summary>Stops the refresh loop; bans kept in the store stay.</summary>
    internal async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    /// <summary>Stops the refresh loop and releases its resources.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        _refreshing.Dispose();
    }
}
