namespace AspNetFtp.Identity.Accounts;

/// <summary>An app password as <see cref="IFtpAccountAdministration"/> shows it: never the password or its hash.</summary>
/// <param name="Name">Its name, unique per account.</param>
/// <param name="CreatedUtc">When it was created, in UTC.</param>
/// <param name="LastUsedUtc">The last successful login with it, in UTC; null when never.</param>
public sealed record FtpAppPasswordSummary(string Name, DateTime CreatedUtc, DateTime? LastUsedUtc);
