using System.Security.Claims;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Admin.Users;

/// <summary>
/// <see cref="IAdminUsers"/> over the application's <see cref="UserManager{TUser}"/>: its validators, lockout and roles,
/// so a user made or changed here is one the web app and FTP treat the same way. The search reads Identity's normalized
/// columns (upper-cased by the app's normalizer), so it ignores case on every database without a collation of its own.
/// </summary>
internal sealed class AdminUsers<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    IUserStore<TUser> store,
    IFtpAccountsOfUsers ftpAccounts,
    IFtpAuditLog audit,
    IOptions<FtpAdminOptions> options,
    TimeProvider time) : IAdminUsers
    where TUser : class
{
    /// <summary>The longest search text used (Identity's user name and e-mail columns hold 256).</summary>
    private const int MaxSearchLength = 256;

    private string Role => options.Value.Role;

    public async Task<AdminUserPage> SearchAsync(string? search, int page, CancellationToken cancellationToken)
    {
        IQueryable<TUser> query = users.Users;
        string? term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (term is not null)
        {
            term = term.Length > MaxSearchLength ? term[..MaxSearchLength] : term;
            string name = users.NormalizeName(term) ?? term;
            string email = users.NormalizeEmail(term) ?? term;
            query = query.Where(u => EF.Property<string?>(u, "NormalizedUserName")!.Contains(name)
                || EF.Property<string?>(u, "NormalizedEmail")!.Contains(email));
        }

        int total = await query.CountAsync(cancellationToken);
        int size = AdminUserPage.DefaultPageSize;
        int pages = Math.Max(1, (total + size - 1) / size);
        int current = Math.Clamp(page, 1, pages);
        List<TUser> found = await query.OrderBy(u => EF.Property<string?>(u, "NormalizedUserName"))
            .Skip((current - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new AdminUserPage(await RowsAsync(found, cancellationToken), total, current, size);
    }

    public async Task<AdminUserRow?> FindAsync(string id, CancellationToken cancellationToken)
    {
        TUser? user = await users.FindByIdAsync(id);
        return user is null ? null : (await RowsAsync([user], cancellationToken))[0];
    }

    public async Task<AdminUserResult> CreateAsync(string userName, string? email, string password, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        TUser user = Activator.CreateInstance<TUser>();
        // Through the store, as Identity's own registration page does: the manager's setters would save a user not yet created.
        await store.SetUserNameAsync(user, userName, cancellationToken);
        string? address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (address is not null)
        {
            if (store is not IUserEmailStore<TUser> emails)
            {
                return AdminUserResult.Invalid([new AdminFieldError(AdminUserFields.Email, "This application's users have no e-mail address.")]);
            }

            await emails.SetEmailAsync(user, address, cancellationToken);
        }

        IdentityResult created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Invalid(created);
        }

        await AuditAsync(AdminUsersText.KindCreated, userName, actor, address is null ? "created" : $"created with e-mail {address}", cancellationToken);
        return AdminUserResult.Done($"Created the user '{userName}'.");
    }

    public async Task<AdminUserResult> ResetPasswordAsync(string id, string password, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return AdminUserResult.Refused(AdminUsersText.NoSuchUser);
        }

        // Every password rule first, so a refused password leaves the old one in place.
        var errors = new List<IdentityError>();
        foreach (IPasswordValidator<TUser> validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        if (errors.Count > 0)
        {
            return Invalid(IdentityResult.Failed([.. errors]));
        }

        // Both steps renew the security stamp: open FTP sessions of the user end at their next account recheck.
        IdentityResult result = await users.HasPasswordAsync(user) ? await users.RemovePasswordAsync(user) : IdentityResult.Success;
        if (result.Succeeded)
        {
            result = await users.AddPasswordAsync(user, password);
        }

        if (!result.Succeeded)
        {
            return Invalid(result);
        }

        string name = await users.GetUserNameAsync(user) ?? id;
        if (IsSelf(id, actor))
        {
            // The administrator's own cookie carries the old stamp: renew it rather than sign them out.
            await signIn.RefreshSignInAsync(user);
        }

        await AuditAsync(AdminUsersText.KindPasswordReset, name, actor, "password reset", cancellationToken);
        return AdminUserResult.Done($"The password of '{name}' was changed; their open FTP sessions end.");
    }

    public async Task<AdminUserResult> LockAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (IsSelf(id, actor))
        {
            return AdminUserResult.Refused(AdminUsersText.CannotLockSelf);
        }

        if (await users.FindByIdAsync(id) is not { } user)
        {
            return AdminUserResult.Refused(AdminUsersText.NoSuchUser);
        }

        // Identity honours a lockout end only for users with lockout enabled.
        IdentityResult result = await users.GetLockoutEnabledAsync(user) ? IdentityResult.Success : await users.SetLockoutEnabledAsync(user, true);
        if (result.Succeeded)
        {
            result = await users.SetLockoutEndDateAsync(user, AdminUsersText.LockedUntilUnlocked);
        }

        string name = await users.GetUserNameAsync(user) ?? id;
        if (!result.Succeeded)
        {
            return AdminUserResult.Refused($"'{name}' could not be locked: {Describe(result)}");
        }

        await AuditAsync(AdminUsersText.KindLocked, name, actor, "locked until unlocked", cancellationToken);
        return AdminUserResult.Done($"'{name}' is locked: no sign-in, on the web or over FTP, until unlocked.");
    }

    public async Task<AdminUserResult> UnlockAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return AdminUserResult.Refused(AdminUsersText.NoSuchUser);
        }

        IdentityResult result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }

        string name = await users.GetUserNameAsync(user) ?? id;
        if (!result.Succeeded)
        {
            return AdminUserResult.Refused($"'{name}' could not be unlocked: {Describe(result)}");
        }

        await AuditAsync(AdminUsersText.KindUnlocked, name, actor, "unlocked, failed sign-ins reset", cancellationToken);
        return AdminUserResult.Done($"'{name}' is unlocked.");
    }

    public async Task<AdminUserResult> DeleteAsync(string id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (IsSelf(id, actor))
        {
            return AdminUserResult.Refused(AdminUsersText.CannotDeleteSelf);
        }

        if (await users.FindByIdAsync(id) is not { } user)
        {
            return AdminUserResult.Refused(AdminUsersText.NoSuchUser);
        }

        string name = await users.GetUserNameAsync(user) ?? id;
        IReadOnlyDictionary<string, string> groups = await ftpAccounts.GroupNamesAsync([id], cancellationToken);
        // The FTP account and its app passwords go with the user: their foreign keys cascade (AddFtpAccounts).
        IdentityResult result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            return AdminUserResult.Refused($"'{name}' could not be deleted: {Describe(result)}");
        }

        string detail = groups.TryGetValue(id, out string? group) ? $"deleted with the FTP account in group {group}" : "deleted";
        await AuditAsync(AdminUsersText.KindDeleted, name, actor, detail, cancellationToken);
        return AdminUserResult.Done($"Deleted the user '{name}'.");
    }

    public async Task<AdminUserResult> SetAdministratorAsync(string id, bool administrator, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!administrator && IsSelf(id, actor))
        {
            return AdminUserResult.Refused(AdminUsersText.CannotRevokeSelf);
        }

        if (await users.FindByIdAsync(id) is not { } user)
        {
            return AdminUserResult.Refused(AdminUsersText.NoSuchUser);
        }

        string name = await users.GetUserNameAsync(user) ?? id;
        if (await users.IsInRoleAsync(user, Role) == administrator)
        {
            return AdminUserResult.Done(administrator ? $"'{name}' is already an administrator." : $"'{name}' is not an administrator.");
        }

        IdentityResult result = administrator ? await users.AddToRoleAsync(user, Role) : await users.RemoveFromRoleAsync(user, Role);
        if (!result.Succeeded)
        {
            return AdminUserResult.Refused($"The role of '{name}' could not be changed: {Describe(result)}");
        }

        await AuditAsync(administrator ? AdminUsersText.KindRoleGranted : AdminUsersText.KindRoleRevoked, name, actor,
            $"{(administrator ? "granted" : "revoked")} the role {Role}", cancellationToken);
        return AdminUserResult.Done(administrator ? $"'{name}' is now an administrator." : $"'{name}' is no longer an administrator.");
    }

    public bool IsSelf(string id, ClaimsPrincipal actor) => string.Equals(users.GetUserId(actor), id, StringComparison.Ordinal);

    private async Task<IReadOnlyList<AdminUserRow>> RowsAsync(List<TUser> found, CancellationToken cancellationToken)
    {
        var ids = new List<string>(found.Count);
        foreach (TUser user in found)
        {
            ids.Add(await users.GetUserIdAsync(user));
        }

        IReadOnlyDictionary<string, string> groups = await ftpAccounts.GroupNamesAsync(ids, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        var rows = new List<AdminUserRow>(found.Count);
        for (int i = 0; i < found.Count; i++)
        {
            TUser user = found[i];
            DateTimeOffset? lockoutEnd = users.SupportsUserLockout ? await users.GetLockoutEndDateAsync(user) : null;
            rows.Add(new AdminUserRow(
                ids[i],
                await users.GetUserNameAsync(user) ?? string.Empty,
                users.SupportsUserEmail ? await users.GetEmailAsync(user) : null,
                groups.GetValueOrDefault(ids[i]),
                lockoutEnd > now ? lockoutEnd : null,
                await users.IsInRoleAsync(user, Role)));
        }

        return rows;
    }

    private Task AuditAsync(string kind, string userName, ClaimsPrincipal actor, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(kind, userName, users.GetUserName(actor), detail, cancellationToken);

    private static AdminUserResult Invalid(IdentityResult result) =>
        AdminUserResult.Invalid([.. result.Errors.Select(e => new AdminFieldError(AdminUserFields.Of(e), e.Description))]);

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
