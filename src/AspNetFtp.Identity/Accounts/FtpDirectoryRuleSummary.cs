namespace AspNetFtp.Identity.Accounts;

/// <summary>One directory rule: the letters at a virtual path and below.</summary>
/// <param name="Path">The virtual absolute path, normalized.</param>
/// <param name="Permissions">Permission letters in canonical order (may be empty: nothing allowed there).</param>
public sealed record FtpDirectoryRuleSummary(string Path, string Permissions);
