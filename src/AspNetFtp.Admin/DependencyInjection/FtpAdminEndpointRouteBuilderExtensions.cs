using AspNetFtp.Admin.Access;
using AspNetFtp.Admin.Assets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Admin.DependencyInjection;

/// <summary><c>app.MapFtpAdmin("/admin")</c>: mounts the pages registered by <c>AddFtpAdmin</c>.</summary>
public static class FtpAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the admin's pages under <paramref name="prefix"/> (<c>/admin/login</c>, <c>/admin/sessions</c>, ...) and its
    /// own CSS and script under <c>{prefix}/assets/</c>. Maps the application's Razor Pages too if it has not (the
    /// admin is made of Razor Pages). Call once.
    /// </summary>
    /// <param name="endpoints">The application (<c>WebApplication</c>) or another endpoint route builder.</param>
    /// <param name="prefix">The mount point, such as <c>/admin</c>.</param>
    /// <returns>The endpoint route builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFtpAdmin</c> was not called, or Identity has no roles or no sign-in manager.</exception>
    public static IEndpointRouteBuilder MapFtpAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/admin")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        IServiceProvider services = endpoints.ServiceProvider;
        FtpAdminPath path = services.GetService<FtpAdminPath>()
            ?? throw new InvalidOperationException("MapFtpAdmin needs services.AddFtpAdmin<TUser>() first.");
        CheckIdentity(services);
        path.Set(prefix);
        // Page routes listed before this call (MapRazorPages().WithStaticAssets() first) are built again, with the prefix.
        services.GetRequiredService<AdminRouteChange>().Signal();
        services.GetRequiredService<AdminAssets>().Map(endpoints, path.Prefix!);
        endpoints.MapRazorPages();
        return endpoints;
    }

    /// <summary>Fails at start, in words, when the application's Identity cannot serve the admin (rather than at the first sign-in).</summary>
    private static void CheckIdentity(IServiceProvider services)
    {
        using IServiceScope scope = services.CreateScope();
        IAdminAccounts accounts;
        try
        {
            accounts = scope.ServiceProvider.GetRequiredService<IAdminAccounts>();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                "The FTP admin signs in through Identity's SignInManager: register it (AddDefaultIdentity, or AddIdentityCore(...).AddSignInManager() "
                + "with AddAuthentication().AddIdentityCookies()) for the user type given to AddFtpAdmin.", ex);
        }

        if (!accounts.SupportsRoles)
        {
            throw new InvalidOperationException(
                "The FTP admin admits only members of an Identity role: add .AddRoles<IdentityRole>() to the application's Identity registration "
                + "(before AddEntityFrameworkStores).");
        }

    }
}
