using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Identity.Entities;

/// <summary>An FTP group (django-ftpserver's FTPUserGroup): permissions and an optional home directory for its accounts.</summary>
public class FtpUserGroup
{
    /// <summary>The longest group name accepted, in characters.</summary>
    public const int MaxNameLength = 150;

    /// <summary>The longest storage profile name stored, in characters (a profile name is 1 to 64 letters, digits, '.', '_' or '-').</summary>
    public const int MaxStorageProfileLength = 64;

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

    /// <summary>
    /// Addresses and CIDR ranges (separated by commas or spaces) the group's accounts may log in from; null or
    /// empty: any address. The account's own list applies as well.
    /// </summary>
    public string? AllowedAddresses { get; set; }

    /// <summary>Addresses and CIDR ranges the group's accounts may never log in from; these win over the allowed ones.</summary>
    public string? DeniedAddresses { get; set; }

    /// <summary>The group's accounts may log in and transfer only over TLS, whatever the server-wide setting.</summary>
    public bool RequireTls { get; set; }

    /// <summary>Sessions one account may hold at once; null: no limit.</summary>
    public int? MaxSessions { get; set; }

    /// <summary>Upload bandwidth of one session, in bytes per second; null: no limit.</summary>
    public long? UploadBytesPerSecond { get; set; }

    /// <summary>Download bandwidth of one session, in bytes per second; null: no limit.</summary>
    public long? DownloadBytesPerSecond { get; set; }

    /// <summary>Bytes one account may store; null: no limit.</summary>
    public long? QuotaBytes { get; set; }

    /// <summary>Files one account may keep; null: no limit.</summary>
    public long? QuotaFiles { get; set; }

    /// <summary>How the group's uploads are written; null: the server's <c>FtpServer:UploadMode</c>.</summary>
    public FtpUploadMode? UploadMode { get; set; }

    /// <summary>
    /// The storage profile (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>) holding the group's files; null: the default
    /// storage (the local disk at each account's home). An account's own profile overrides it.
    /// </summary>
    public string? StorageProfile { get; set; }

    /// <summary>Permission letters below given directories; loaded when included.</summary>
    public List<FtpDirectoryRule> DirectoryRules { get; set; } = [];
}
