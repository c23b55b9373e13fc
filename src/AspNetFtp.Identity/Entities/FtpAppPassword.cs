namespace AspNetFtp.Identity.Entities;

/// <summary>
/// A named FTP password of an account, usable instead of the Identity password, stored hashed, shown once
/// at creation and revocable.
/// </summary>
public class FtpAppPassword
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>Unique per account, such as "scanner" or "backup job".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Identity's PBKDF2 hash of the generated password.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastUsedUtc { get; set; }
}
