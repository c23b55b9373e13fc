using System.Collections.Frozen;

namespace AspNetFtp.Identity.Commands;

/// <summary>The account verbs an app runs with <c>dotnet run -- &lt;verb&gt;</c> (django-ftpserver's management commands).</summary>
internal static class FtpAccountVerbNames
{
    public const string CreateGroup = "createftpusergroup";
    public const string CreateAccount = "createftpuseraccount";
    public const string ListGroups = "listftpusergroup";
    public const string ListAccounts = "listftpuseraccount";
    public const string EditGroup = "editftpusergroup";
    public const string EditAccount = "editftpuseraccount";
    public const string DeleteGroup = "deleteftpusergroup";
    public const string DeleteAccount = "deleteftpuseraccount";
    public const string CreateAppPassword = "createapppassword";
    public const string DeleteAppPassword = "deleteapppassword";
    public const string GrantAdmin = "grantftpadmin";
    public const string RevokeAdmin = "revokeftpadmin";
    public const string SetLimits = "setftplimits";
    public const string RecountUsage = "recountftpusage";
    public const string ListBans = "listftpbans";
    public const string BanAddress = "banftpaddress";
    public const string LiftBan = "liftftpban";
    public const string ListNodes = "listftpnodes";

    public static FrozenSet<string> All { get; } = FrozenSet.Create(StringComparer.Ordinal,
        [CreateGroup, CreateAccount, ListGroups, ListAccounts, EditGroup, EditAccount, DeleteGroup, DeleteAccount, CreateAppPassword, DeleteAppPassword, GrantAdmin, RevokeAdmin,
        SetLimits, RecountUsage, ListBans, BanAddress, LiftBan, ListNodes, .. FtpAccessVerbNames.All]);
}
