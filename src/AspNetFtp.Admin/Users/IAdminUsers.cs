using System.Security.Claims;

namespace AspNetFtp.Admin.Users;

/// <summary>
/// The application's Identity users as the Users pages see and change them (the pages are not generic over the user
/// type). Every change is written to the audit log with the acting administrator; an administrator cannot lock,
/// delete or take the role from themselves.
/// </summary>
internal interface IAdminUsers
{
    /// <summary>One page (1-based) of users whose user name or e-mail contains <paramref name="search"/> (any case), by user name.</summary>
    Task<AdminUserPage> SearchAsync(string? search, int page, CancellationToken cancellationToken);

    /// <summary>One user's row, or null when there is no such user.</summary>
    Task<AdminUserRow?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates a user through Identity's validators; nothing is saved when one refuses.</summary>
    Task<AdminUserResult> CreateAsync(string userName, string? email, string password, ClaimsPrincipal actor, CancellationToken cancellationToken);

    /// <summary>Sets a new password (Identity's password validators apply); the security stamp changes, ending open FTP sessions.</summary>
    Task<AdminUserResult> ResetPasswordAsync(string id, string password, ClaimsPrincipal actor, CancellationToken cancellationToken);

    /// <summary>Locks the user out until unlocked (enabling lockout for the user when it was off).</summary>
    Task<AdminUserResult> LockAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken);

    /// <summary>Ends a lockout and resets the failed sign-in count.</summary>
    Task<AdminUserResult> UnlockAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken);

    /// <summary>Deletes the user; their FTP account and its app passwords go with them (cascading foreign keys).</summary>
    Task<AdminUserResult> DeleteAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken);

    /// <summary>Grants or revokes the administrator role (<c>FtpServer:Admin:Role</c>).</summary>
    Task<AdminUserResult> SetAdministratorAsync(string id, bool administrator, ClaimsPrincipal actor, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="id"/> is the signed-in administrator's own user.</summary>
    bool IsSelf(string id, ClaimsPrincipal actor);
}
