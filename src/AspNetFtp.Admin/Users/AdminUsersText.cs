using AspNetFtp.Identity.Audit;

namespace AspNetFtp.Admin.Users;

/// <summary>The Users pages' messages and the audit log's kinds for administrators' changes to users.</summary>
internal static class AdminUsersText
{
    /// <summary>The lockout end the admin's Lock sets: far enough to mean "until unlocked", and stored by every provider.</summary>
    public static readonly DateTimeOffset LockedUntilUnlocked = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public const string NotSaved = "Nothing was saved: correct the fields marked below.";
    public const string NoSuchUser = "That user no longer exists.";
    public const string CannotLockSelf = "You cannot lock your own account: another administrator must do it.";
    public const string CannotDeleteSelf = "You cannot delete your own account: another administrator must do it.";
    public const string CannotRevokeSelf = "You cannot revoke your own administrator role: another administrator must do it.";

    public const string KindCreated = AdminAuditKinds.UserCreated;
    public const string KindPasswordReset = "AdminUserPasswordReset";
    public const string KindLocked = "AdminUserLocked";
    public const string KindUnlocked = "AdminUserUnlocked";
    public const string KindDeleted = "AdminUserDeleted";
    public const string KindRoleGranted = AdminAuditKinds.RoleGranted;
    public const string KindRoleRevoked = AdminAuditKinds.RoleRevoked;
}
