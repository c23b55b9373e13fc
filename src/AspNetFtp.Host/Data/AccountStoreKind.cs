namespace AspNetFtp.Host.Data;

/// <summary>Where logins are checked (<c>FtpServer:Accounts</c>).</summary>
public enum AccountStoreKind
{
    /// <summary>ASP.NET Core Identity users with FTP accounts in the database (the default).</summary>
    Identity,
    /// <summary>The <c>FtpServer:Users</c> list in configuration, without a database.</summary>
    Configuration,
}
