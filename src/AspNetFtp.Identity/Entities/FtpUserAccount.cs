namespace AspNetFtp.Identity.Entities;

/// <summary>
/// The FTP side of one Identity user (django-ftpserver's FTPUserAccount), for users whose key is a
/// <typeparamref name="TKey"/> (<c>IdentityUser&lt;Guid&gt;</c> and the like).
/// </summary>
public class FtpUserAccount<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>The Identity user's key; unique, and deleting the user deletes this account.</summary>
    public TKey UserId { get; set; } = default!;

    /// <summary>The <see cref="FtpUserGroup.Id"/> of the account's group.</summary>
    public int GroupId { get; set; }

    /// <summary>The account's group (permissions, default home); loaded when included.</summary>
    public FtpUserGroup? Group { get; set; }

    /// <summary>Overrides the group's home directory; <c>{username}</c> is replaced.</summary>
    public string? HomeDirectory { get; set; }

    /// <summary>Last successful FTP login, in UTC.</summary>
    public DateTime? LastLoginUtc { get; set; }

    /// <summary>When the account was created, in UTC.</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>The account's app passwords; loaded when included.</summary>
    public List<FtpAppPassword> AppPasswords { get; set; } = [];

    /// <summary>Addresses and CIDR ranges this account may log in from, besides the group's rule; null or empty: any.</summary>
    public string? AllowedAddresses { get; set; }

    /// <summary>Addresses and CIDR ranges this account may never log in from, besides the group's rule.</summary>
    public string? DeniedAddresses { get; set; }

    /// <summary>After this moment (UTC) the account may no longer log in; null: never expires.</summary>
    public DateTime? ExpiresUtc { get; set; }

    /// <summary>Overrides the group's sessions limit; null: the group's, 0: no limit.</summary>
    public int? MaxSessions { get; set; }

    /// <summary>Overrides the group's upload bandwidth (bytes per second); null: the group's, 0: no limit.</summary>
    public long? UploadBytesPerSecond { get; set; }

    /// <summary>Overrides the group's download bandwidth (bytes per second); null: the group's, 0: no limit.</summary>
    public long? DownloadBytesPerSecond { get; set; }

    /// <summary>Overrides the group's byte quota; null: the group's, 0: no limit.</summary>
    public long? QuotaBytes { get; set; }

    /// <summary>Overrides the group's file quota; null: the group's, 0: no limit.</summary>
    public long? QuotaFiles { get; set; }

    /// <summary>Bytes the account stores now, kept current by uploads, deletes and renames.</summary>
    public long UsedBytes { get; set; }

    /// <summary>Files the account keeps now.</summary>
    public long UsedFiles { get; set; }

    /// <summary>When the usage was last recounted from storage, in UTC; null: never.</summary>
    public DateTime? UsageCountedUtc { get; set; }

    /// <summary>Overrides the group's storage profile (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>); null: the group's.</summary>
    public string? StorageProfile { get; set; }

    /// <summary>Permission letters below given directories, replacing the group's rule of the same path; loaded when included.</summary>
    public List<FtpDirectoryRule> DirectoryRules { get; set; } = [];
}

/// <summary>The FTP account of a user with the default string key (<c>IdentityUser</c>).</summary>
public class FtpUserAccount : FtpUserAccount<string>
{
    /// <summary>An account whose <see cref="FtpUserAccount{TKey}.UserId"/> is still empty.</summary>
    public FtpUserAccount() => UserId = string.Empty;
}
