using System.Net;
using AspNetFtp.Admin.DependencyInjection;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Protocol.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// Issue 9 (found by the sample app): an app whose endpoints were listed before <c>MapFtpAdmin</c> (the webapp
/// template's <c>app.MapRazorPages().WithStaticAssets()</c> placed first does that) still gets the admin at its mount
/// point, not a 404. No browser: one anonymous GET.
/// </summary>
public sealed class AdminMountTests
{
    [Fact]
    public async Task The_admin_is_mounted_even_when_the_apps_page_routes_were_built_before_MapFtpAdmin()
    {
        string directory = Directory.CreateTempSubdirectory("aspnetftp-admin-mount-").FullName;
        try
        {
            WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FtpServer:Host"] = "127.0.0.1",
                ["FtpServer:Port"] = "0",
                ["FtpServer:RootDirectory"] = Path.Combine(directory, "ftp"),
                // The database is never created: the FTP start fails and is only logged; the admin's redirect needs no table.
                ["FtpServer:StopApplicationOnStartFailure"] = "false",
            });
            builder.Services.AddDbContext<AdminTestDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(directory, "app.db")}"));
            builder.Services.AddIdentityCore<IdentityUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AdminTestDbContext>().AddSignInManager();
            builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
            builder.Services.AddRazorPages();
            builder.Services.AddFtpServer(builder.Configuration).AddIdentityAccounts<IdentityUser, AdminTestDbContext>();
            builder.Services.AddFtpAdmin<IdentityUser>(builder.Configuration);
            await using WebApplication app = builder.Build();
            app.MapRazorPages();
            // What WithStaticAssets() does among other things: the page routes are built now, before MapFtpAdmin.
            Assert.NotNull(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList());
            app.MapFtpAdmin("/admin");
            await app.StartAsync();
            try
            {
                using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.Single()) };

                using HttpResponseMessage response = await http.GetAsync("/admin");

                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/admin/login?returnUrl=%2Fadmin", response.Headers.Location?.OriginalString);
            }
            finally
            {
                await app.StopAsync();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
