namespace AspNetFtp.Identity.Accounts;

/// <summary>Account settings of the <c>FtpServer</c> section used by the Identity store.</summary>
public sealed class FtpAccountsOptions
{
    /// <summary>Where homes go when neither account nor group names one: <c>{RootDirectory}/{username}</c>. Default <c>data/ftp</c>.</summary>
    public string RootDirectory { get; set; } = Path.Combine("data", "ftp");

    /// <summary>
    /// Whether wrong FTP passwords of FTP account holders count toward Identity's lockout, which the web app
    /// shares (and whether a successful FTP login resets that count). Default true. Off: FTP logins neither add
    /// to nor reset the count, and a lockout set by the web app still refuses FTP logins. Users without an FTP
    /// account are never counted either way.
    /// </summary>
    public bool CountFailuresTowardLockout { get; set; } = true;
}
