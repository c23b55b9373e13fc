namespace AspNetFtp.Identity.Audit;

/// <summary>The <see cref="FtpAuditEntry.Kind"/> of an administrator's change, the same from the web admin and the CLI.</summary>
public static class AdminAuditKinds
{
    /// <summary>A group was created.</summary>
    public const string GroupCreated = "AdminGroupCreated";

    /// <summary>A group's name, letters, home, app-password rule or TLS requirement changed.</summary>
    public const string GroupChanged = "AdminGroupChanged";

    /// <summary>A group was deleted.</summary>
    public const string GroupDeleted = "AdminGroupDeleted";

    /// <summary>A user got an FTP account.</summary>
    public const string AccountCreated = "AdminAccountCreated";

    /// <summary>An account's group or home changed.</summary>
    public const string AccountChanged = "AdminAccountChanged";

    /// <summary>An FTP account was deleted.</summary>
    public const string AccountDeleted = "AdminAccountDeleted";

    /// <summary>An app password was created (the detail names it, never the password).</summary>
    public const string AppPasswordCreated = "AdminAppPasswordCreated";

    /// <summary>An app password was revoked.</summary>
    public const string AppPasswordRevoked = "AdminAppPasswordRevoked";

    /// <summary>A group's or an account's quotas, rates, sessions or upload mode changed.</summary>
    public const string LimitsChanged = "AdminLimitsChanged";

    /// <summary>An account's quota usage was counted again.</summary>
    public const string UsageRecounted = "AdminUsageRecounted";

    /// <summary>A group's or an account's address lists or expiry changed.</summary>
    public const string AccessRulesChanged = "AdminAccessRulesChanged";

    /// <summary>A directory rule was added or replaced.</summary>
    public const string DirectoryRuleSet = "AdminDirectoryRuleSet";

    /// <summary>A directory rule was removed.</summary>
    public const string DirectoryRuleRemoved = "AdminDirectoryRuleRemoved";

    /// <summary>An Identity user was created.</summary>
    public const string UserCreated = "AdminUserCreated";

    /// <summary>A user was given the web admin's role.</summary>
    public const string RoleGranted = "AdminUserRoleGranted";

    /// <summary>The web admin's role was taken from a user.</summary>
    public const string RoleRevoked = "AdminUserRoleRevoked";

    /// <summary>An administrator ended a live session (on any node; the detail names the node).</summary>
    public const string SessionDisconnected = "AdminSessionDisconnected";
}
