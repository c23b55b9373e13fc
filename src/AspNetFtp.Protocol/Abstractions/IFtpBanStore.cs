namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Where bans are kept, so every node of a cluster enforces them and a restart keeps them. The defender never
/// asks the store when a client connects: it keeps the bans in memory, writes new bans and lifts in the
/// background and reads the store every <c>Defender:RefreshInterval</c> to see other nodes' bans and lifts.
/// A failing store bans nobody and refuses nobody. The default keeps them in this process's memory only;
/// <c>AddIdentityAccounts</c> registers the database's (<c>FtpBans</c>).
/// </summary>
public interface IFtpBanStore
{
    /// <summary>Adds the ban of <see cref="FtpAddressBan.Address"/>, replacing the one kept for that address.</summary>
    Task SaveAsync(FtpAddressBan ban, CancellationToken cancellationToken);

    /// <summary>Removes the ban of <paramref name="address"/> (canonical text); false when there was none.</summary>
    Task<bool> LiftAsync(string address, CancellationToken cancellationToken);

    /// <summary>The ban kept for <paramref name="address"/> (canonical text), in force or expired but remembered; null when none.</summary>
    Task<FtpAddressBan?> FindAsync(string address, CancellationToken cancellationToken);

    /// <summary>
    /// Every ban in force, and the expired ones that ended after <paramref name="expiredSince"/> (remembered so a
    /// repeat offence is counted): what each node reads at its refresh.
    /// </summary>
    Task<IReadOnlyList<FtpAddressBan>> ListAsync(DateTimeOffset expiredSince, CancellationToken cancellationToken);

    /// <summary>Removes the bans that ended before <paramref name="expiredBefore"/> (their offences are forgotten); how many.</summary>
    Task<int> ForgetAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken);
}
