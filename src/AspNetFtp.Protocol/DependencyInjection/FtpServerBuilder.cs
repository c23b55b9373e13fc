using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Authentication;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.DependencyInjection;

/// <summary>Returned by <c>AddFtpServer</c>: chooses the account store, the storage and the event sinks.</summary>
public sealed class FtpServerBuilder(IServiceCollection services)
{
    /// <summary>The service collection the server was added to, for extensions of this builder.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Uses <typeparamref name="TAuthenticator"/> for logins. When it also implements
    /// <see cref="ICredentialVersionSource"/> and the cache is enabled, it is wrapped in <see cref="CachingFtpAuthenticator"/>.
    /// </summary>
    public FtpServerBuilder AddAuthenticator<TAuthenticator>()
        where TAuthenticator : class, IFtpAuthenticator
    {
        Services.TryAddSingleton<TAuthenticator>();
        Services.RemoveAll<IFtpAuthenticator>();
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

    /// <summary>Adds a sink for server and session events.</summary>
    public FtpServerBuilder AddEventSink<TSink>()
        where TSink : class, IFtpEventSink
    {
        Services.AddSingleton<IFtpEventSink, TSink>();
        return this;
    }
}
