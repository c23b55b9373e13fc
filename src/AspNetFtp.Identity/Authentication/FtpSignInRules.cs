using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Authentication;

/// <summary>
/// The web app's pre-sign-in checks (confirmed account, e-mail, phone number), applied to FTP logins. When the app
/// registered a <c>SignInManager&lt;TUser&gt;</c>, its <c>CanSignInAsync</c> decides (an override included); it lives
/// in the ASP.NET Core shared framework, which this library does not reference, so it is found by name. Otherwise
/// <see cref="SignInOptions"/> is applied here the way SignInManager applies it.
/// </summary>
internal static class FtpSignInRules<TUser>
    where TUser : class
{
    private static readonly Type? SignInManagerType = FindSignInManager();

    private static readonly MethodInfo? CanSignInMethod = SignInManagerType?.GetMethod("CanSignInAsync", [typeof(TUser)]);

    public static async Task<bool> CanSignInAsync(IServiceProvider services, UserManager<TUser> users, TUser user)
    {
        if (CanSignInMethod is not null && services.GetService(SignInManagerType!) is { } signIn)
        {
            return await (Task<bool>)CanSignInMethod.Invoke(signIn, [user])!;
        }

        SignInOptions rules = users.Options.SignIn;
        if (rules.RequireConfirmedEmail && !await users.IsEmailConfirmedAsync(user))
        {
            return false;
        }

        if (rules.RequireConfirmedPhoneNumber && !await users.IsPhoneNumberConfirmedAsync(user))
        {
            return false;
        }

        if (rules.RequireConfirmedAccount)
        {
            IUserConfirmation<TUser>? confirmation = services.GetService<IUserConfirmation<TUser>>();
            return confirmation is null
                ? await users.IsEmailConfirmedAsync(user)
                : await confirmation.IsConfirmedAsync(users, user);
        }

        return true;
    }

    private static Type? FindSignInManager()
    {
        Type? open = Type.GetType("Microsoft.AspNetCore.Identity.SignInManager`1, Microsoft.AspNetCore.Identity", throwOnError: false);
        return open?.MakeGenericType(typeof(TUser));
    }
}
