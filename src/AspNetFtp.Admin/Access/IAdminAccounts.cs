using System.Security.Claims;

namespace AspNetFtp.Admin.Access;

/// <summary>The application's Identity users as the admin's pages see them (the pages are not generic over the user type).</summary>
internal interface IAdminAccounts
{
    /// <summary>Whether the application's Identity store keeps roles (<c>AddRoles</c>): without them nobody is an administrator.</summary>
    bool SupportsRoles { get; }

    /// <summary>Checks the password with the application's <c>SignInManager</c> (lockout counted) and signs in an administrator.</summary>
    Task<AdminSignInOutcome> SignInAsync(string userName, string password);

    /// <summary>Whether <paramref name="principal"/> (from the Identity cookie) is a current administrator: checked on every request.</summary>
    Task<AdminAccess> CheckAsync(ClaimsPrincipal principal);

    /// <summary>Whether a sign-in waits for its second factor (the password was right, Identity's two-factor cookie is set).</summary>
    Task<bool> HasPendingTwoFactorAsync();

    /// <summary>Completes a pending two-factor sign-in with an authenticator app's code (a wrong code counts toward the lockout).</summary>
    Task<AdminSignInOutcome> SignInWithAuthenticatorCodeAsync(string code);

    /// <summary>Ends the Identity sign-in.</summary>
    Task SignOutAsync();
}
