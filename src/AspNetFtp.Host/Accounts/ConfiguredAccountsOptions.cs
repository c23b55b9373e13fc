namespace AspNetFtp.Host.Accounts;

/// <summary>The <c>FtpServer:Users</c> list.</summary>
public sealed class ConfiguredAccountsOptions
{
    public List<ConfiguredFtpAccount> Users { get; set; } = [];
}
