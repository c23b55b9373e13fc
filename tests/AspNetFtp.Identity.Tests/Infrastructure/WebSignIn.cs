using AspNetFtp.Host.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>The web app's side of the shared Identity store: its SignInManager, as an ASP.NET Core app registers it.</summary>
internal static class WebSignIn
{
    public static IServiceCollection AddWebSignIn(this IServiceCollection services)
    {
        services.AddAuthentication();
        new IdentityBuilder(typeof(AppUser), services).AddSignInManager();
        return services;
    }

    /// <summary>The web login's password check, counting a failure toward lockout as the template's login page does.</summary>
    public static async Task<SignInResult> CheckWebSignInAsync(this IServiceProvider services, string userName, string password)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        SignInManager<AppUser> signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        AppUser user = (await signIn.UserManager.FindByNameAsync(userName))!;
        return await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
    }

    public static Task<AppUser> FindUserAsync(this IServiceProvider services, string userName) =>
        services.WithStoreAsync(async (_, users) => (await users.FindByNameAsync(userName))!);
}
