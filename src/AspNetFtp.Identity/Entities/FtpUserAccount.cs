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
}

/// <summary>The FTP account of a user with the default string key (<c>IdentityUser</c>).</summary>
public class FtpUserAccount : FtpUserAccount<string>
{
    /// <summary>An account whose <see cref="FtpUserAccount{TKey}.UserId"/> is still empty.</summary>
    public FtpUserAccount() => UserId = string.Empty;
}
