using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Authentication;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.DependencyInjection;

/// <summary>Returned by <c>AddFtpServer</c>: chooses the account store, the storage and the event sinks.</summary>
public sealed class FtpServerBuilder(IServiceCollection services, IConfiguration? configuration = null)
{
    /// <summary>The service collection the server was added to, for extensions of this builder.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// The <c>FtpServer</c> configuration section given to <c>AddFtpServer(configuration)</c>, for the account store's
    /// own settings; null when the server was configured in code only.
    /// </summary>
    public IConfiguration? Configuration { get; } = configuration;

    /// <summary>
    /// Uses <typeparamref name="TAuthenticator"/> for logins. When it also implements
    /// <see cref="ICredentialVersionSource"/> and the cache is enabled, it is wrapped in <see cref="CachingFtpAuthenticator"/>.
    /// </summary>
    public FtpServerBuilder AddAuthenticator<TAuthenticator>()
        where TAuthenticator : class, IFtpAuthenticator
    {
        Services.TryAddSingleton<TAuthenticator>();
        Services.RemoveAll<IFtpAuthenticator>();
        Services.RemoveAll<IFtpAccountStampSource>();
        if (typeof(IFtpAccountStampSource).IsAssignableFrom(typeof(TAuthenticator)))
        {
            Services.AddSingleton<IFtpAccountStampSource>(sp => (IFtpAccountStampSource)sp.GetRequiredService<TAuthenticator>());
        }

        Services.AddSingleton<IFtpAuthenticator>(sp =>
        {
            TAuthenticator inner = sp.GetRequiredService<TAuthenticator>();
            FtpServerOptions options = sp.GetRequiredService<IOptions<FtpServerOptions>>().Value;
            return options.CredentialCacheEnabled && inner is ICredentialVersionSource versions
                ? new CachingFtpAuthenticator(inner, versions, TimeSpan.FromSeconds(options.CredentialCacheLifetime),
                    options.CredentialCacheSize, sp.GetService<TimeProvider>())
                : inner;
        });
        return this;
    }

    /// <summary>Replaces the storage (local disk by default), as django-ftpserver's FTPSERVER_FILESYSTEM did.</summary>
    public FtpServerBuilder AddFileSystem<TFactory>()
        where TFactory : class, IFtpFileSystemFactory
    {
        Services.RemoveAll<IFtpFileSystemFactory>();
        Services.AddSingleton<IFtpFileSystemFactory, TFactory>();
        return this;
    }

    /// <summary>
    /// Adds a stage that reads what comes before FTP on each new connection (the PROXY protocol) and may set
    /// the real client address before the connection limits apply; stages run in the order added.
    /// </summary>
    public FtpServerBuilder AddConnectionPreamble<TPreamble>()
        where TPreamble : class, IFtpConnectionPreamble
    {
        Services.AddSingleton<IFtpConnectionPreamble, TPreamble>();
        return this;
    }

    /// <summary>
    /// Adds a check run once at start, after the ports are bound and before the first client is accepted (a broken
    /// result fails the start), and again by the FTP health check.
    /// </summary>
    public FtpServerBuilder AddReadinessCheck<TCheck>()
        where TCheck : class, IFtpReadinessCheck
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IFtpReadinessCheck, TCheck>());
        return this;
    }

    /// <summary>Adds a sink for server and session events (every event, on its own queue).</summary>
    public FtpServerBuilder AddEventSink<TSink>()
        where TSink : class, IFtpEventSink
    {
        Services.AddSingleton<IFtpEventSink, TSink>();
        return this;
    }

    /// <summary>
    /// Adds a handler for the event types of each <see cref="IFtpEventHandler{TEvent}"/> that <typeparamref name="THandler"/>
    /// implements, created once by DI (a singleton: for scoped services such as a DbContext, take
    /// <c>IServiceScopeFactory</c> and open a scope per event). It runs on its own queue and loop, so it never stalls a
    /// session or another handler.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="THandler"/> implements no <see cref="IFtpEventHandler{TEvent}"/>.</exception>
    public FtpServerBuilder AddEventHandler<THandler>()
        where THandler : class
    {
        if (FtpEventHandlerSink<THandler>.RouteCount == 0)
        {
            throw new InvalidOperationException($"{typeof(THandler).Name} implements no IFtpEventHandler<TEvent>.");
        }

        Services.TryAddSingleton<THandler>();
        Services.AddSingleton<IFtpEventSink>(sp => new FtpEventHandlerSink<THandler>(sp.GetRequiredService<THandler>()));
        return this;
    }
}
