using AspNetFtp.Admin.Access;
using AspNetFtp.Admin.Assets;
using AspNetFtp.Admin.Users;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Admin.DependencyInjection;

/// <summary><c>services.AddFtpAdmin&lt;TUser&gt;(configuration)</c>, then <c>app.MapFtpAdmin("/admin")</c>.</summary>
public static class FtpAdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the web admin's pages (Razor Pages) for an application whose Identity users are <typeparamref name="TUser"/>.
    /// The application registers Identity with roles and a sign-in manager
    /// (<c>AddDefaultIdentity&lt;TUser&gt;().AddRoles&lt;IdentityRole&gt;()</c>, or <c>AddIdentityCore</c> with
    /// <c>AddRoles</c> and <c>AddSignInManager</c> plus <c>AddAuthentication().AddIdentityCookies()</c>) and the FTP
    /// server (<c>AddFtpServer</c>). Only members of the role <c>FtpServer:Admin:Role</c> (default
    /// <c>Administrator</c>) sign in.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's configuration; its <c>FtpServer:Admin</c> section is read. Null reads none (the defaults).</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddFtpAdmin<TUser>(this IServiceCollection services, IConfiguration? configuration = null)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<FtpAdminOptions> options = services.AddOptions<FtpAdminOptions>();
        if (configuration is not null)
        {
            options.Bind(FtpServerOptions.SectionOf(configuration).GetSection(FtpAdminOptions.SectionName));
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FtpAdminOptions>, FtpAdminOptionsValidator>());
        services.TryAddSingleton<FtpAdminPath>();
        if (!services.Any(d => d.ServiceType == typeof(AdminRouteChange)))
        {
            services.AddSingleton<AdminRouteChange>();
            services.AddSingleton<IActionDescriptorChangeProvider>(sp => sp.GetRequiredService<AdminRouteChange>());
        }

        services.TryAddSingleton<AdminAssets>();
        services.TryAddScoped<IAdminAccounts, AdminAccounts<TUser>>();
        services.TryAddScoped<IAdminUsers, AdminUsers<TUser>>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddRazorPages()
            .ConfigureApplicationPartManager(AddOwnPagesOnce);
        services.AddOptions<RazorPagesOptions>().Configure<FtpAdminPath>((pages, path) =>
        {
            pages.Conventions.Add(new AdminRoutes(path));
            pages.Conventions.Add(new AdminAccessConvention());
        });
        return services;
    }

    /// <summary>The library's compiled pages, once: an app that references it may already have found them itself.</summary>
    private static void AddOwnPagesOnce(ApplicationPartManager parts)
    {
        System.Reflection.Assembly own = typeof(FtpAdminOptions).Assembly;
        List<ApplicationPart> found = [.. parts.ApplicationParts.Where(p =>
            (p as AssemblyPart)?.Assembly == own || (p as CompiledRazorAssemblyPart)?.Assembly == own)];
        foreach (ApplicationPart existing in found)
        {
            parts.ApplicationParts.Remove(existing);
        }

        foreach (ApplicationPart part in ApplicationPartFactory.GetApplicationPartFactory(own).GetApplicationParts(own))
        {
            parts.ApplicationParts.Add(part);
        }
    }
}
