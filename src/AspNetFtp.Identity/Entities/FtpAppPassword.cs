namespace AspNetFtp.Identity.Entities;

/// <summary>
/// A named FTP password of an account, usable instead of the Identity password, stored hashed, shown once
/// at creation and revocable.
/// </summary>
public class FtpAppPassword
{
    /// <summary>The longest name accepted, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The key; also the <c>{id}</c> of the handed-out password <c>ftp-{id}-{secret}</c>.</summary>
    public int Id { get; set; }

    /// <summary>The <see cref="FtpUserAccount{TKey}.Id"/> of the owning account.</summary>
    public int AccountId { get; set; }

    /// <summary>Unique per account, such as "scanner" or "backup job".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Identity's PBKDF2 hash of the generated password.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary>When it was created, in UTC.</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>Last successful login with it, in UTC; null when never used.</summary>
    public DateTime? LastUsedUtc { get; set; }
}
