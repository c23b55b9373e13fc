using AspNetFtp.Admin.DependencyInjection;
using AspNetFtp.Host.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Host.Web;

/// <summary>
/// The default command's web side: Identity's cookie sign-in for the host's users (the host had no web app before),
/// the admin mounted at <see cref="Prefix"/>, and <c>/</c> sending a browser there.
/// </summary>
internal static class AdminWeb
{
    public const string Prefix = "/admin";

    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The admin's address unless <c>ASPNETCORE_URLS</c>, <c>urls</c>, the HTTP(S) ports or Kestrel endpoints say otherwise.</summary>
    public static void UseDefaultUrlUnlessConfigured(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        bool configured = !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    /// <summary>Identity's cookies and sign-in manager for <see cref="AppUser"/>, and the admin.</summary>
    public static void AddServices(WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole), services).AddSignInManager();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "AspNetFtp.Admin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = Prefix + "/login";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "AspNetFtp.Antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // The keys that sign the cookies stay in the data directory (created owner-only at start), not in the home
        // directory of whoever runs the server; a restart keeps administrators signed in.
        string keys = Path.Combine(AccountStoreSetup.DataDirectory(builder.Configuration), "admin-keys");
        Directory.CreateDirectory(keys);
        services.AddDataProtection().SetApplicationName("AspNetFtp.Host").PersistKeysToFileSystem(new DirectoryInfo(keys));
        // "No XML encryptor configured": the keys are protected by the directory's mode, as the database is.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        services.AddFtpAdmin<AppUser>(builder.Configuration);
        MonitoringWeb.AddServices(services, builder.Configuration);
    }

    public static void Map(WebApplication app)
    {
        app.MapFtpAdmin(Prefix);
        MonitoringWeb.Map(app);
        app.MapGet("/", () => Results.Redirect(Prefix)).ExcludeFromDescription();
    }

    /// <summary>The admin's URL from the address the web server bound (a wildcard address shown as 127.0.0.1).</summary>
    public static string? Url(IServiceProvider services)
    {
        string? address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri))
        {
            return null;
        }

        string host = uri.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}{Prefix}";
    }
}
