using System.Globalization;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Bans;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender;

namespace AspNetFtp.Identity.Accounts;

/// <content>
/// The defender's bans as the CLI sees them (<c>listftpbans</c>, <c>banftpaddress</c>, <c>liftftpban</c>): straight in
/// the database, each change written to the audit log with the actor; running servers take a change at their next
/// refresh (<c>Defender:RefreshInterval</c>).
/// </content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    /// <summary>The longest ban by the minute that <see cref="BanAddressAsync"/> takes (about ten years); longer is "until lifted".</summary>
    public const int MaxBanMinutes = 5_256_000;

    /// <summary>The bans in force now, newest first.</summary>
    public async Task<List<FtpAddressBan>> ListBansAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _time.GetUtcNow();
        return [.. (await FtpBanRows.ListAsync(db, now, cancellationToken)).Where(b => b.IsActive(now))];
    }

    /// <summary>Bans an address or CIDR range for <paramref name="minutes"/> (null: until lifted), as <paramref name="actor"/>.</summary>
    /// <returns>The ban, or a failure naming the bad value.</returns>
    public async Task<FtpAccountResult<FtpAddressBan>> BanAddressAsync(string address, int? minutes, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        if (!FtpDefender.TryNormalizeAddress(address, out string canonical))
        {
            return FtpAccountResult<FtpAddressBan>.Failure($"'{address}' is not an IP address or CIDR range", nameof(address));
        }

        if (minutes is not (null or (>= 1 and <= MaxBanMinutes)))
        {
            return FtpAccountResult<FtpAddressBan>.Failure(
                string.Create(CultureInfo.InvariantCulture, $"--minutes {minutes} must be from 1 to {MaxBanMinutes}"), nameof(minutes));
        }

        DateTimeOffset now = _time.GetUtcNow();
        int offences = (await FtpBanRows.FindAsync(db, canonical, cancellationToken))?.Offences ?? 0;
        var ban = new FtpAddressBan(canonical, string.IsNullOrWhiteSpace(reason) ? "banned by an administrator" : reason.Trim(), now,
            minutes is { } m ? now.AddMinutes(m) : null, offences + 1, actor);
        await FtpBanRows.SaveAsync(db, ban, cancellationToken);
        await AuditAsync(FtpAuditEntryMapper.FromEvent(new AddressBanned(now, ban)), cancellationToken);
        return FtpAccountResult<FtpAddressBan>.Success(ban);
    }

    /// <summary>Lifts the ban of an address or CIDR range, as <paramref name="actor"/>.</summary>
    /// <returns>True, or a failure when the text is no address or no such ban is kept.</returns>
    public async Task<FtpAccountResult<bool>> LiftBanAsync(string address, string actor, CancellationToken cancellationToken = default)
    {
        if (!FtpDefender.TryNormalizeAddress(address, out string canonical))
        {
            return FtpAccountResult<bool>.Failure($"'{address}' is not an IP address or CIDR range", nameof(address));
        }

        if (!await FtpBanRows.LiftAsync(db, canonical, cancellationToken))
        {
            return FtpAccountResult<bool>.Failure($"'{canonical}' is not banned", nameof(address));
        }

        await AuditAsync(FtpAuditEntryMapper.FromEvent(new AddressBanLifted(_time.GetUtcNow(), canonical) { LiftedBy = actor }), cancellationToken);
        return FtpAccountResult<bool>.Success(true);
    }
}
