namespace AspNetFtp.Identity.Entities;

/// <summary>The FTP side of one Identity user (django-ftpserver's FTPUserAccount).</summary>
public class FtpUserAccount
{
    public int Id { get; set; }

    /// <summary>The Identity user's key; unique, and deleting the user deletes this account.</summary>
    public string UserId { get; set; } = string.Empty;

    public int GroupId { get; set; }

    public FtpUserGroup? Group { get; set; }

    /// <summary>Overrides the group's home directory; <c>{username}</c> is replaced.</summary>
    public string? HomeDirectory { get; set; }

    /// <summary>Last successful FTP login, in UTC.</summary>
    public DateTime? LastLoginUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<FtpAppPassword> AppPasswords { get; set; } = [];
}
