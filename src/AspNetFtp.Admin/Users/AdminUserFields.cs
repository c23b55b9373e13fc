using Microsoft.AspNetCore.Identity;

namespace AspNetFtp.Admin.Users;

/// <summary>The user forms' fields that Identity's validators speak about, and which of its error codes goes to which.</summary>
internal static class AdminUserFields
{
    public const string UserName = "UserName";
    public const string Email = "Email";
    public const string Password = "Password";

    /// <summary>The field an Identity error belongs to (its code names it: <c>PasswordTooShort</c>, <c>DuplicateUserName</c>, ...), or empty.</summary>
    public static string Of(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => Password,
        _ when error.Code.EndsWith("UserName", StringComparison.Ordinal) => UserName,
        _ when error.Code.EndsWith("Email", StringComparison.Ordinal) => Email,
        _ => string.Empty,
    };
}
