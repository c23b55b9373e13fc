using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Bans;
using AspNetFtp.Identity.Commands;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Nodes;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.DependencyInjection;

/// <summary><c>services.AddFtpServer(configuration).AddIdentityAccounts&lt;TUser, TContext&gt;()</c>.</summary>
public static class IdentityAccountsFtpServerBuilderExtensions
{
    /// <summary>
    /// Logs FTP users in with the application's Identity users and its DbContext (which must apply
    /// <c>builder.AddFtpAccounts&lt;TUser&gt;()</c>), reading the account settings from the <c>FtpServer</c> section
    /// given to <c>AddFtpServer</c>. Registers everything the application needs: the authenticator, the account
    /// manager (<see cref="FtpAccountManager{TUser, TContext}"/>, scoped) and <see cref="IFtpAccountAdministration"/> over it (scoped, for the web admin), the start-up check of the account tables,
    /// the recheck of open sessions' accounts and the audit log (<see cref="IFtpAuditLog"/>, scoped; on by default,
    /// <c>FtpServer:Audit:Enabled</c>). The application registers Identity itself
    /// (<c>AddDefaultIdentity</c>/<c>AddIdentityCore</c> with <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>).
    /// </summary>
    public static FtpServerBuilder AddIdentityAccounts<TUser, TContext>(this FtpServerBuilder builder)
        where TUser : IdentityUser, new()
        where TContext : DbContext =>
        builder.AddIdentityAccounts<TUser, TContext>(builder.Configuration);

    /// <summary>
    /// The same, reading the account settings from <paramref name="configuration"/>'s <c>FtpServer</c> section
    /// (see <see cref="FtpServerOptions.SectionOf"/>); null reads none (the defaults).
    /// </summary>
    public static FtpServerBuilder AddIdentityAccounts<TUser, TContext>(this FtpServerBuilder builder, IConfiguration? configuration)
        where TUser : IdentityUser, new()
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddAccountServices<FtpUserAccount, TContext>(builder, configuration);
        builder.Services.TryAddScoped<FtpAccountManager<TUser, TContext>>();
        builder.Services.TryAddScoped<IFtpAccountsOfUsers, FtpAccountsOfUsers<string, FtpUserAccount, TContext>>();
        builder.Services.TryAddScoped<IFtpAccountAdministration>(sp =>
            new FtpAccountAdministration<TUser, string, FtpUserAccount, TContext>(sp.GetRequiredService<FtpAccountManager<TUser, TContext>>()));
        builder.Services.TryAddScoped<IFtpAccessAdministration>(sp =>
            new FtpAccessAdministration<TUser, string, FtpUserAccount, TContext>(sp.GetRequiredService<FtpAccountManager<TUser, TContext>>()));
        AddLimits<TUser, string, FtpUserAccount, TContext>(builder, sp => sp.GetRequiredService<FtpAccountManager<TUser, TContext>>());
        builder.Services.AddFtpAccountCommands<TUser, string, FtpUserAccount, TContext, FtpAccountManager<TUser, TContext>>();
        return builder.AddAuthenticator<IdentityFtpAuthenticator<TUser, TContext>>();
    }

    /// <summary>
    /// The same for users with another key type, whose context applies
    /// <c>builder.AddFtpAccounts&lt;TUser, TKey, TAccount&gt;()</c> (for example <c>Guid</c> and <c>FtpUserAccount&lt;Guid&gt;</c>);
    /// registers <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}"/> (scoped).
    /// </summary>
    public static FtpServerBuilder AddIdentityAccounts<TUser, TKey, TAccount, TContext>(this FtpServerBuilder builder)
        where TUser : IdentityUser<TKey>, new()
        where TKey : IEquatable<TKey>
        where TAccount : FtpUserAccount<TKey>, new()
        where TContext : DbContext =>
        builder.AddIdentityAccounts<TUser, TKey, TAccount, TContext>(builder.Configuration);

    /// <summary>The same, reading the account settings from <paramref name="configuration"/>'s <c>FtpServer</c> section.</summary>
    public static FtpServerBuilder AddIdentityAccounts<TUser, TKey, TAccount, TContext>(this FtpServerBuilder builder, IConfiguration? configuration)
        where TUser : IdentityUser<TKey>, new()
        where TKey : IEquatable<TKey>
        where TAccount : FtpUserAccount<TKey>, new()
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddAccountServices<TAccount, TContext>(builder, configuration);
        builder.Services.TryAddScoped<FtpAccountManager<TUser, TKey, TAccount, TContext>>();
        builder.Services.TryAddScoped<IFtpAccountsOfUsers, FtpAccountsOfUsers<TKey, TAccount, TContext>>();
        builder.Services.TryAddScoped<IFtpAccountAdministration, FtpAccountAdministration<TUser, TKey, TAccount, TContext>>();
        builder.Services.TryAddScoped<IFtpAccessAdministration, FtpAccessAdministration<TUser, TKey, TAccount, TContext>>();
        AddLimits<TUser, TKey, TAccount, TContext>(builder, sp => sp.GetRequiredService<FtpAccountManager<TUser, TKey, TAccount, TContext>>());
        builder.Services.AddFtpAccountCommands<TUser, TKey, TAccount, TContext, FtpAccountManager<TUser, TKey, TAccount, TContext>>();
        builder.Services.TryAddSingleton(sp => new IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext>(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptionsMonitor<FtpAccountsOptions>>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext>>(),
            sp.GetService<TimeProvider>()));
        return builder.AddAuthenticator<IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext>>();
    }

    /// <summary>
    /// The quota usage kept on the account row (replacing the engine's in-memory store, so every node shares it) and the
    /// admin's limits face over the account manager.
    /// </summary>
    private static void AddLimits<TUser, TKey, TAccount, TContext>(FtpServerBuilder builder, Func<IServiceProvider, FtpAccountManager<TUser, TKey, TAccount, TContext>> manager)
        where TUser : IdentityUser<TKey>, new()
        where TKey : IEquatable<TKey>
        where TAccount : FtpUserAccount<TKey>, new()
        where TContext : DbContext
    {
        builder.Services.TryAddScoped<IFtpLimitsAdministration>(sp => new FtpLimitsAdministration<TUser, TKey, TAccount, TContext>(manager(sp)));
        builder.Services.Replace(ServiceDescriptor.Singleton<IFtpQuotaStore>(sp =>
            new IdentityFtpQuotaStore<TUser, TKey, TAccount, TContext>(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetService<TimeProvider>())));
    }

    /// <summary>The account settings (relative <c>RootDirectory</c> against the content root) and the table check.</summary>
    private static void AddAccountServices<TAccount, TContext>(FtpServerBuilder builder, IConfiguration? configuration)
        where TAccount : class
        where TContext : DbContext
    {
        OptionsBuilder<FtpAccountsOptions> options = builder.Services.AddOptions<FtpAccountsOptions>();
        if (configuration is not null)
        {
            options.Bind(FtpServerOptions.SectionOf(configuration));
        }

        options.PostConfigure<IServiceProvider>((o, sp) =>
        {
            string? contentRoot = sp.GetService<IHostEnvironment>()?.ContentRootPath;
            if (!string.IsNullOrWhiteSpace(o.RootDirectory) && !Path.IsPathRooted(o.RootDirectory) && !string.IsNullOrEmpty(contentRoot))
            {
                o.RootDirectory = Path.GetFullPath(o.RootDirectory, Path.GetFullPath(contentRoot));
            }
        }).ValidateOnStart();
        builder.AddReadinessCheck<FtpAccountTablesCheck<TAccount, TContext>>();
        // The defender's bans in the application's database, shared by every node and kept over restarts (unless the
        // application registered a ban store of its own).
        if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(IFtpBanStore)) is not { } banStore
            || banStore.ImplementationType == typeof(InMemoryFtpBanStore))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IFtpBanStore, FtpBanStore<TContext>>());
        }

        AddAuditLog<TContext>(builder, configuration);
        AddNodes<TContext>(builder, configuration);
    }

    /// <summary>
    /// The node registry (<c>FtpServer:Node</c>): the heartbeat, a hosted service registered after the FTP server's (so
    /// it starts once the listeners are bound), and <see cref="IFtpClusterSessions"/> (scoped) for the admin and the CLI.
    /// </summary>
    private static void AddNodes<TContext>(FtpServerBuilder builder, IConfiguration? configuration)
        where TContext : DbContext
    {
        IServiceCollection services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(FtpNodeHeartbeat<TContext>)))
        {
            return;
        }

        OptionsBuilder<FtpNodeOptions> options = services.AddOptions<FtpNodeOptions>();
        if (configuration is not null)
        {
            options.Bind(FtpServerOptions.SectionOf(configuration).GetSection(FtpNodeOptions.SectionName));
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FtpNodeOptions>, FtpNodeOptionsValidator>());
        services.AddSingleton<FtpNodeHeartbeat<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<FtpNodeHeartbeat<TContext>>());
        services.TryAddScoped<IFtpClusterSessions, FtpClusterSessions<TContext>>();
    }

    /// <summary>
    /// The audit log (<c>FtpServer:Audit</c>): the batching sink, the retention cleanup and the query service, all over
    /// <typeparamref name="TContext"/>. Registered even when <c>Audit:Enabled</c> is false (the sink then writes nothing),
    /// so the admin's page can still read what was written before.
    /// </summary>
    private static void AddAuditLog<TContext>(FtpServerBuilder builder, IConfiguration? configuration)
        where TContext : DbContext
    {
        IServiceCollection services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(FtpAuditLogSink<TContext>)))
        {
            return;
        }

        OptionsBuilder<FtpAuditOptions> options = services.AddOptions<FtpAuditOptions>();
        if (configuration is not null)
        {
            options.Bind(FtpServerOptions.SectionOf(configuration).GetSection(FtpAuditOptions.SectionName));
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FtpAuditOptions>, FtpAuditOptionsValidator>());
        services.AddSingleton<FtpAuditLogSink<TContext>>();
        services.AddSingleton<IFtpEventSink>(sp => sp.GetRequiredService<FtpAuditLogSink<TContext>>());
        services.TryAddSingleton<FtpAuditRetention<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<FtpAuditRetention<TContext>>());
        services.TryAddScoped<IFtpAuditLog, FtpAuditLog<TContext>>();
    }
}
