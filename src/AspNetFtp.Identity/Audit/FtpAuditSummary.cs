namespace AspNetFtp.Identity.Audit;

/// <summary>What <see cref="IFtpAuditLog.SummarizeAsync"/> returns: the admin dashboard's figures for a time range.</summary>
/// <param name="From">The range's start (inclusive), UTC.</param>
/// <param name="To">The range's end (exclusive), UTC.</param>
/// <param name="Hours">
/// Every UTC hour that overlaps the range, oldest first, hours without rows included (zeros); the first and last may be
/// partial (only rows inside the range count).
/// </param>
/// <param name="TopUsers">The users who moved the most bytes, most first (ties by name).</param>
/// <param name="FailedLogins">The addresses with the most failed logins, most first (ties: the latest first).</param>
public sealed record FtpAuditSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<FtpAuditHour> Hours,
    IReadOnlyList<FtpAuditUserBytes> TopUsers,
    IReadOnlyList<FtpAuditFailedAddress> FailedLogins)
{
    /// <summary>Bytes uploaded over the whole range.</summary>
    public long BytesIn => Hours.Sum(h => h.BytesIn);

    /// <summary>Bytes downloaded over the whole range.</summary>
    public long BytesOut => Hours.Sum(h => h.BytesOut);

    /// <summary>Successful logins over the whole range.</summary>
    public int LoginsSucceeded => Hours.Sum(h => h.LoginsSucceeded);

    /// <summary>Failed logins over the whole range.</summary>
    public int LoginsFailed => Hours.Sum(h => h.LoginsFailed);
}
