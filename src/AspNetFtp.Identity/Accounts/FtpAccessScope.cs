namespace AspNetFtp.Identity.Accounts;

/// <summary>Whose access settings an operation reads or changes.</summary>
public enum FtpAccessScope
{
    /// <summary>An FTP group, by its name: applies to every account of the group.</summary>
    Group,

    /// <summary>One user's FTP account, by the user name: applies on top of the group's.</summary>
    Account,
}
