using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.DependencyInjection;

/// <summary>Registers the FTP server as a hosted service, bound to the <c>FtpServer</c> configuration section.</summary>
public static class FtpServerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="FtpServerOptions"/> to the <c>FtpServer</c> section (nested keys such as <c>Timeouts:Idle</c>),
    /// then lets <see cref="LegacyFtpServerKeys"/> apply the old flat keys where no nested key is given. Only that
    /// section is read (<see cref="FtpServerOptions.SectionOf"/>): keys at the root such as <c>PORT</c> never are.
    /// The section is kept on the returned builder, so <c>AddIdentityAccounts</c> needs no argument.
    /// </summary>
    public static FtpServerBuilder AddFtpServer(this IServiceCollection services, IConfiguration configuration)
    {
        IConfiguration section = FtpServerOptions.SectionOf(configuration);
        services.AddOptions<FtpServerOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IConfigureOptions<FtpServerOptions>>(new LegacyFtpServerKeys(section));
        services.AddFtpServerCore(section.GetSection(FtpStorageProfiles.SectionKey));
        return new FtpServerBuilder(services, section);
    }

    /// <summary>Registers the FTP server with options set in code only (no configuration section is read).</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the <see cref="FtpServerOptions"/>; they are validated when the host starts.</param>
    public static FtpServerBuilder AddFtpServer(this IServiceCollection services, Action<FtpServerOptions> configure)
    {
        services.AddOptions<FtpServerOptions>().Configure(configure).ValidateOnStart();
        services.AddFtpServerCore(null);
        return new FtpServerBuilder(services);
    }

    private static void AddFtpServerCore(this IServiceCollection services, IConfiguration? storageProfiles)
    {
        // Relative file settings are relative to the application's content root, as the rest of its files are.
        services.AddSingleton<IPostConfigureOptions<FtpServerOptions>>(sp =>
            new ContentRootPaths(sp.GetService<IHostEnvironment>()?.ContentRootPath));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FtpServerOptions>, FtpServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFtpFileSystemFactory>(sp =>
            new LocalFileSystemFactory(sp.GetRequiredService<IOptions<FtpServerOptions>>().Value.UploadMode));
        // Named storage profiles (FtpServer:Storage:Profiles): the built-in Local kind; storage packages add theirs.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFtpStorageKind, LocalStorageKind>(sp =>
            new LocalStorageKind(sp.GetRequiredService<IOptions<FtpServerOptions>>().Value.UploadMode)));
        services.TryAddSingleton(sp => new FtpStorageProfiles(storageProfiles, sp.GetServices<IFtpStorageKind>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFtpReadinessCheck, StorageProfilesCheck>());
        services.TryAddSingleton<IFtpQuotaStore, InMemoryFtpQuotaStore>();
        services.AddMetrics();
        services.TryAddSingleton<FtpMetrics>();
        services.TryAddSingleton<FtpEventQueue>();
        services.TryAddSingleton<IFtpBanStore, InMemoryFtpBanStore>();
        services.TryAddSingleton(sp =>
        {
            FtpServerOptions options = sp.GetRequiredService<IOptions<FtpServerOptions>>().Value;
            FtpEventQueue events = sp.GetRequiredService<FtpEventQueue>();
            return new FtpDefender(
                options.Defender, options.Limits.Ipv6PrefixLength, sp.GetRequiredService<IFtpBanStore>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<FtpMetrics>(), events.Publish, sp.GetRequiredService<ILoggerFactory>().CreateLogger<FtpDefender>(),
                options.ProxyProtocol.Enabled ? options.ProxyProtocol.TrustedProxies : null);
        });
        services.TryAddSingleton<FtpServer>();
        services.TryAddSingleton<IFtpSessionRegistry>(sp => sp.GetRequiredService<FtpServer>().Sessions);
        // Hosts stop their services in reverse order: the queue, added first, stops after the server has
        // published its last event, then gives the sinks their drain time.
        services.AddHostedService(sp => sp.GetRequiredService<FtpEventQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<FtpServer>());
    }
}
