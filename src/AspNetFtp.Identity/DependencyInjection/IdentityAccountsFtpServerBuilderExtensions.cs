using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.DependencyInjection;

/// <summary><c>services.AddFtpServer(configuration).AddIdentityAccounts&lt;TUser, TContext&gt;(configuration)</c>.</summary>
public static class IdentityAccountsFtpServerBuilderExtensions
{
    /// <summary>
    /// Logs FTP users in with the application's Identity users and its DbContext (which must apply
    /// <c>builder.AddFtpAccounts&lt;TUser&gt;()</c>). The application registers Identity itself
    /// (<c>AddIdentityCore</c>/<c>AddIdentity</c> with <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>).
    /// </summary>
    public static FtpServerBuilder AddIdentityAccounts<TUser, TContext>(this FtpServerBuilder builder, IConfiguration configuration)
        where TUser : IdentityUser
        where TContext : DbContext
    {
        IConfiguration section = configuration.GetSection(FtpServerOptions.SectionName).Exists()
            ? configuration.GetSection(FtpServerOptions.SectionName)
            : configuration;
        builder.Services.AddOptions<FtpAccountsOptions>().Bind(section);
        return builder.AddAuthenticator<IdentityFtpAuthenticator<TUser, TContext>>();
    }
}
