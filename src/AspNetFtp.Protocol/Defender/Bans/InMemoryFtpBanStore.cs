using System.Collections.Concurrent;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Defender;

/// <summary>
/// The default <see cref="IFtpBanStore"/>: this process's memory, so bans hold for one node and end with it.
/// <c>AddIdentityAccounts</c> replaces it with the database's, which every node shares and a restart keeps.
/// </summary>
public sealed class InMemoryFtpBanStore : IFtpBanStore
{
    private readonly ConcurrentDictionary<string, FtpAddressBan> _bans = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task SaveAsync(FtpAddressBan ban, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ban);
        _bans[ban.Address] = ban;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> LiftAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(_bans.TryRemove(address, out _));

    /// <inheritdoc/>
    public Task<FtpAddressBan?> FindAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(_bans.GetValueOrDefault(address));

    /// <inheritdoc/>
    public Task<IReadOnlyList<FtpAddressBan>> ListAsync(DateTimeOffset expiredSince, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FtpAddressBan>>([.. _bans.Values.Where(b => b.Expires is not { } end || end > expiredSince)]);

    /// <inheritdoc/>
    public Task<int> ForgetAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        int forgotten = 0;
        foreach (FtpAddressBan ban in _bans.Values)
        {
            if (ban.Expires is { } end && end < expiredBefore && _bans.TryRemove(new KeyValuePair<string, FtpAddressBan>(ban.Address, ban)))
            {
                forgotten++;
            }
        }

        return Task.FromResult(forgotten);
    }
}
