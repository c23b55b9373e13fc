using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AspNetFtp.Identity.Commands;

/// <summary>What <c>AddIdentityAccounts</c> registers for the account verbs.</summary>
internal static class FtpAccountCommandRegistration
{
    /// <summary>The account manager (scoped, unless the app registered its own) and the verbs bound to these types.</summary>
    public static IServiceCollection AddFtpAccountCommands<TUser, TKey, TAccount, TContext, TManager>(this IServiceCollection services)
        where TUser : IdentityUser<TKey>, new()
        where TKey : IEquatable<TKey>
        where TAccount : FtpUserAccount<TKey>, new()
        where TContext : DbContext
        where TManager : FtpAccountManager<TUser, TKey, TAccount, TContext>
    {
        services.TryAddScoped<TManager>();
        services.TryAddSingleton<IFtpAccountCommands, FtpAccountCommandRunner<TUser, TKey, TAccount, TContext, TManager>>();
        return services;
    }
}
