using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Admin.Access;

/// <summary>
/// <see cref="IAdminAccounts"/> over the application's <see cref="SignInManager{TUser}"/>: the same lockout, sign-in
/// rules and two-factor setting as the web app and FTP. The role is checked only after the password is right (so the
/// refusal tells nothing to someone without the password), and again on every request (a removed role, a lockout or
/// a new security stamp ends access at once rather than when the cookie is next validated).
/// </summary>
internal sealed class AdminAccounts<TUser>(SignInManager<TUser> signIn, IOptions<FtpAdminOptions> options) : IAdminAccounts
    where TUser : class
{
    private UserManager<TUser> Users => signIn.UserManager;

    public bool SupportsRoles => Users.SupportsUserRole;

    public async Task<AdminSignInOutcome> SignInAsync(string userName, string password)
    {
        TUser? user = await Users.FindByNameAsync(userName);
        if (user is null)
        {
            return AdminSignInOutcome.Failed;
        }

        // Lockout first, then the password (a failure counted), then the app's sign-in rules: SignInManager's order.
        SignInResult check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return Describe(check);
        }

        if (!await IsAdministratorAsync(user))
        {
            return AdminSignInOutcome.NotAdministrator;
        }

        // The password again, through the path that honours two-factor sign-in (and remembered clients) as the app does.
        // With two-factor sign-in, Identity sets only its two-factor cookie and the code is asked next.
        SignInResult result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.RequiresTwoFactor ? AdminSignInOutcome.TwoFactorRequired
            : result.Succeeded ? AdminSignInOutcome.Succeeded
            : Describe(result);
    }

    public async Task<bool> HasPendingTwoFactorAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<AdminSignInOutcome> SignInWithAuthenticatorCodeAsync(string code)
    {
        TUser? user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return AdminSignInOutcome.Failed;
        }

        if (!await IsAdministratorAsync(user))
        {
            // The role went away between the two steps.
            await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            return AdminSignInOutcome.NotAdministrator;
        }

        string digits = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        SignInResult result = await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        return result.Succeeded ? AdminSignInOutcome.Succeeded : Describe(result);
    }

    public async Task<AdminAccess> CheckAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return AdminAccess.NotSignedIn;
        }

        // The user still exists and the cookie's security stamp is the current one (a password change ends it).
        TUser? user = await signIn.ValidateSecurityStampAsync(principal);
        if (user is null || await Users.IsLockedOutAsync(user))
        {
            return AdminAccess.NotSignedIn;
        }

        return await IsAdministratorAsync(user) ? AdminAccess.Allowed : AdminAccess.NotAdministrator;
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    private Task<bool> IsAdministratorAsync(TUser user) => Users.IsInRoleAsync(user, options.Value.Role);

    private static AdminSignInOutcome Describe(SignInResult result) => result switch
    {
        { IsLockedOut: true } => AdminSignInOutcome.LockedOut,
        { IsNotAllowed: true } => AdminSignInOutcome.NotAllowed,
        _ => AdminSignInOutcome.Failed,
    };
}
