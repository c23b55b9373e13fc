namespace AspNetFtp.Identity.Audit;

/// <summary>The failed logins from one client address over an <see cref="FtpAuditSummary"/>'s range.</summary>
/// <param name="RemoteAddress">The client's address; null for rows stored without one.</param>
/// <param name="Count">Rows of kind <c>LoginFailed</c> from it.</param>
/// <param name="LastTime">The latest of them, UTC.</param>
/// <param name="LastUserName">The user name offered in the latest of them (client text, masked as stored); null when none was.</param>
public sealed record FtpAuditFailedAddress(string? RemoteAddress, int Count, DateTimeOffset LastTime, string? LastUserName);
