namespace AspNetFtp.Host.Accounts;

/// <summary>One entry of <c>FtpServer:Users</c>: an account kept in configuration, like vsftpd's virtual users.</summary>
public sealed class ConfiguredFtpAccount
{
    public string Name { get; set; } = string.Empty;

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2), as printed by the <c>hashpassword</c> verb.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    public string HomeDirectory { get; set; } = string.Empty;

    /// <summary>pyftpdlib permission letters; django-ftpserver's default group permission when empty.</summary>
    public string Permissions { get; set; } = AspNetFtp.Protocol.Security.FtpPermissionLetters.Default;

    /// <summary>Logins need AUTH TLS and transfers PROT P for this account, even when the server does not require TLS.</summary>
    public bool RequireTls { get; set; }

    /// <summary>The storage profile (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>) holding this account's files; empty: the local disk at <see cref="HomeDirectory"/>.</summary>
    public string? StorageProfile { get; set; }
}
