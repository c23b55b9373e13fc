using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Identity.Entities;

/// <summary>An FTP group (django-ftpserver's FTPUserGroup): permissions and an optional home directory for its accounts.</summary>
public class FtpUserGroup
{
    /// <summary>The longest group name accepted, in characters.</summary>
    public const int MaxNameLength = 150;

    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>Unique name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>pyftpdlib permission letters; <c>elradfmw</c> by default.</summary>
    public string Permissions { get; set; } = FtpPermissionLetters.Default;

    /// <summary>Home directory of the group's accounts when an account has none; <c>{username}</c> is replaced.</summary>
    public string? HomeDirectory { get; set; }

    /// <summary>Accounts of this group may log in only with FTP app passwords, never with their web password.</summary>
    public bool RequireAppPasswords { get; set; }

    /// <summary>When the group was created, in UTC.</summary>
    public DateTime CreatedUtc { get; set; }
}
