namespace AspNetFtp.Identity.Accounts;

/// <summary>Account settings of the <c>FtpServer</c> section used by the Identity store.</summary>
public sealed class FtpAccountsOptions
{
    /// <summary>Where homes go when neither account nor group names one: <c>{RootDirectory}/{username}</c>. Default <c>data/ftp</c>.</summary>
    public string RootDirectory { get; set; } = Path.Combine("data", "ftp");
}
