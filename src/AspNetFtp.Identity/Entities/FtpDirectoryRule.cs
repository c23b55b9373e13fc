namespace AspNetFtp.Identity.Entities;

/// <summary>
/// Permission letters at a virtual directory and below it, for every account of a group or for one account
/// (exactly one of <see cref="GroupId"/> and <see cref="AccountId"/> is set).
/// </summary>
public class FtpDirectoryRule
{
    /// <summary>The longest path accepted, in characters.</summary>
    public const int MaxPathLength = 512;

    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>The group the rule belongs to, or null for an account's rule.</summary>
    public int? GroupId { get; set; }

    /// <summary>The account the rule belongs to, or null for a group's rule.</summary>
    public int? AccountId { get; set; }

    /// <summary>The virtual absolute directory, as <c>/incoming/archive</c>.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>pyftpdlib permission letters granted at <see cref="Path"/> and below.</summary>
    public string Permissions { get; set; } = string.Empty;
}
