using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Commands;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using AspNetFtp.Identity.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
        where TUser : IdentityUser, new()
        where TContext : DbContext
    {
        builder.Services.AddOptions<FtpAccountsOptions>().Bind(FtpServerOptions.SectionOf(configuration)).ValidateOnStart();
        builder.Services.AddFtpAccountCommands<TUser, string, FtpUserAccount, TContext, FtpAccountManager<TUser, TContext>>();
        return builder.AddAuthenticator<IdentityFtpAuthenticator<TUser, TContext>>();
    }

    /// <summary>
    /// The same for users with another key type, whose context applies
    /// <c>builder.AddFtpAccounts&lt;TUser, TKey, TAccount&gt;()</c> (for example <c>Guid</c> and <c>FtpUserAccount&lt;Guid&gt;</c>).
    /// </summary>
    public static FtpServerBuilder AddIdentityAccounts<TUser, TKey, TAccount, TContext>(this FtpServerBuilder builder, IConfiguration configuration)
        where TUser : IdentityUser<TKey>, new()
        where TKey : IEquatable<TKey>
        where TAccount : FtpUserAccount<TKey>, new()
        where TContext : DbContext
    {
        builder.Services.AddOptions<FtpAccountsOptions>().Bind(FtpServerOptions.SectionOf(configuration)).ValidateOnStart();
        builder.Services.AddFtpAccountCommands<TUser, TKey, TAccount, TContext, FtpAccountManager<TUser, TKey, TAccount, TContext>>();
        builder.Services.TryAddSingleton(sp => new IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext>(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptionsMonitor<FtpAccountsOptions>>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext>>(),
            sp.GetService<TimeProvider>()));
        return builder.AddAuthenticator<IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext>>();
    }
}
