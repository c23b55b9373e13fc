using System.Collections.Concurrent;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Quotas;

/// <summary>
/// The default <see cref="IFtpQuotaStore"/>: usage per user name in this process, counted from the storage at
/// the first login of a user with a quota after start, then kept by atomic deltas.
/// </summary>
public sealed class InMemoryFtpQuotaStore : IFtpQuotaStore
{
    private readonly ConcurrentDictionary<string, Counter> _usage = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<FtpQuotaUsage?> GetUsageAsync(FtpUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ValueTask.FromResult(_usage.TryGetValue(user.Name, out Counter? counter) ? counter.Read() : (FtpQuotaUsage?)null);
    }

    /// <inheritdoc/>
    public ValueTask AddUsageAsync(FtpUser user, FtpQuotaUsage delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_usage.TryGetValue(user.Name, out Counter? counter))
        {
            counter.Add(delta);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask SetUsageAsync(FtpUser user, FtpQuotaUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        _usage.GetOrAdd(user.Name, static _ => new Counter()).Set(usage);
        return ValueTask.CompletedTask;
    }

    private sealed class Counter
    {
        private readonly Lock _lock = new();
        private FtpQuotaUsage _value;

        public FtpQuotaUsage Read()
        {
            lock (_lock)
            {
                return _value;
            }
        }

        public void Add(FtpQuotaUsage delta)
        {
            lock (_lock)
            {
                _value = new FtpQuotaUsage(Math.Max(0, _value.Bytes + delta.Bytes), Math.Max(0, _value.Files + delta.Files));
            }
        }

        public void Set(FtpQuotaUsage usage)
        {
            lock (_lock)
            {
                _value = usage;
            }
        }
    }
}
