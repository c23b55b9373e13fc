using System.CommandLine;
using AspNetFtp.Host.Data;
using AspNetFtp.Host.Web;
using Microsoft.AspNetCore.Builder;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// The program without a verb: FTP (default <c>127.0.0.1:2121</c>) and the web admin (default
/// <c>http://127.0.0.1:5080/admin</c>) in one process, on the configured account store (the embedded SQLite database
/// by default). Every setting of <c>ftpserver</c> applies, from appsettings.json and the environment
/// (<c>FtpServer__Port=2200</c>); <c>ASPNETCORE_URLS</c> (or <c>Kestrel:Endpoints</c>) moves the admin. Loopback by
/// default: a newcomer's first run is reachable from nowhere else.
/// </summary>
internal static class AdminServerCommand
{
    /// <summary>The FTP listener of the default command unless configured.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FtpDefaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["FtpServer:Host"] = "127.0.0.1",
        ["FtpServer:Port"] = "2121",
    };

    /// <summary>Makes <paramref name="root"/> serve FTP and the web admin when no verb is given.</summary>
    public static void AddTo(RootCommand root) =>
        root.SetAction(async (_, cancellationToken) => await RunAsync(cancellationToken));

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = HostBuilderFactory.CreateWeb(FtpDefaults);
        AdminWeb.UseDefaultUrlUnlessConfigured(builder);
        var app = new ServedApp(
            Build: () =>
            {
                WebApplication web = builder.Build();
                AdminWeb.Map(web);
                return web;
            },
            AddServices: store =>
            {
                if (store != AccountStoreKind.Identity)
                {
                    throw new InvalidOperationException(
                        "the web admin signs in Identity users: FtpServer:Accounts=Configuration (FtpServer:Users) works with 'ftpserver' only");
                }

                AdminWeb.AddServices(builder);
            },
            AdminUrl: AdminWeb.Url);
        return await FtpServerHost.ServeAsync(builder, app, runAs: null, cancellationToken);
    }
}
