namespace AspNetFtp.Admin;

/// <summary>The web admin's settings: the <c>FtpServer:Admin</c> configuration section.</summary>
public sealed class FtpAdminOptions
{
    /// <summary>The configuration section read by <c>AddFtpAdmin</c>, below the <c>FtpServer</c> section.</summary>
    public const string SectionName = "Admin";

    /// <summary>The role name used when none is configured.</summary>
    public const string DefaultRole = Identity.Accounts.FtpAdministratorRole.DefaultName;

    /// <summary>
    /// The Identity role whose members may sign in to the admin (default <c>Administrator</c>). Every other user is
    /// refused, whatever their password.
    /// </summary>
    public string Role { get; set; } = DefaultRole;
}
