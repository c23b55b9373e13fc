using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Authentication;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Tests.DependencyInjection;

public sealed class FtpServerServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Action<FtpServerBuilder> configureBuilder, Action<FtpServerOptions>? configureOptions = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        FtpServerBuilder builder = services.AddFtpServer(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = 0;
            configureOptions?.Invoke(o);
        });
        configureBuilder(builder);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_hosted_services_are_the_event_queue_then_the_server_each_registered_once()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<PlainAuthenticator>());

        Assert.Equal<object>([sp.GetRequiredService<FtpEventQueue>(), sp.GetRequiredService<FtpServer>()], sp.GetServices<IHostedService>());
    }

    [Fact]
    public async Task The_metrics_are_registered_with_a_meter_factory()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<PlainAuthenticator>());

        Assert.Same(sp.GetRequiredService<FtpMetrics>(), sp.GetRequiredService<FtpMetrics>());
    }

    [Fact]
    public async Task Stopping_the_host_still_delivers_the_servers_last_event_before_the_queue_stops()
    {
        var sink = new Infrastructure.RecordingEventSink();
        using IHost host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddLogging();
                services.AddSingleton<IFtpEventSink>(sink);
                services.AddFtpServer(o =>
                {
                    o.Host = "127.0.0.1";
                    o.Port = 0;
                }).AddAuthenticator<PlainAuthenticator>();
            })
            .Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.IsType<ServerStopped>(sink.Events[^1]);
    }

    [Fact]
    public async Task Local_storage_is_the_default()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<PlainAuthenticator>());

        Assert.IsType<LocalFileSystemFactory>(sp.GetRequiredService<IFtpFileSystemFactory>());
    }

    [Fact]
    public async Task An_authenticator_with_version_stamps_is_wrapped_in_the_credential_cache()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<StampedAuthenticator>());

        Assert.IsType<CachingFtpAuthenticator>(sp.GetRequiredService<IFtpAuthenticator>());
    }

    [Fact]
    public async Task With_the_cache_disabled_the_authenticator_is_used_directly()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<StampedAuthenticator>(), o => o.CredentialCacheEnabled = false);

        Assert.IsType<StampedAuthenticator>(sp.GetRequiredService<IFtpAuthenticator>());
    }

    [Fact]
    public async Task An_authenticator_without_version_stamps_is_used_directly()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<PlainAuthenticator>());

        Assert.IsType<PlainAuthenticator>(sp.GetRequiredService<IFtpAuthenticator>());
    }

    [Fact]
    public async Task A_second_authenticator_replaces_the_first()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<StampedAuthenticator>().AddAuthenticator<PlainAuthenticator>());

        Assert.IsType<PlainAuthenticator>(Assert.Single(sp.GetServices<IFtpAuthenticator>()));
    }

    [Fact]
    public async Task Add_file_system_replaces_the_local_storage()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<PlainAuthenticator>().AddFileSystem<NullFileSystemFactory>());

        Assert.IsType<NullFileSystemFactory>(Assert.Single(sp.GetServices<IFtpFileSystemFactory>()));
    }

    [Fact]
    public async Task An_added_event_sink_is_fed_by_the_event_queue()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<PlainAuthenticator>().AddEventSink<Infrastructure.RecordingEventSink>());

        Assert.True(sp.GetRequiredService<FtpEventQueue>().HasSinks);
    }

    [Fact]
    public async Task Invalid_options_fail_validation_naming_the_setting()
    {
        await using ServiceProvider sp = Build(b => b.AddAuthenticator<PlainAuthenticator>(), o => o.DataChannel.PassivePorts = "abc");

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<FtpServerOptions>>().Value);
        Assert.Contains("FtpServer:DataChannel:PassivePorts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_bind_from_the_ftp_server_configuration_section()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FtpServer:Port"] = "2121",
                ["FtpServer:PassivePorts"] = "30000-30010",
                ["FtpServer:PassiveAddressRules:0:Network"] = "10.0.0.0/8",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFtpServer(configuration).AddAuthenticator<PlainAuthenticator>();
        await using ServiceProvider sp = services.BuildServiceProvider();

        FtpServerOptions options = sp.GetRequiredService<IOptions<FtpServerOptions>>().Value;

        Assert.Equal(2121, options.Port);
        Assert.Equal("30000-30010", options.DataChannel.PassivePorts);
        Assert.Equal("10.0.0.0/8", Assert.Single(options.DataChannel.PassiveAddressRules).Network);
    }

    private sealed class PlainAuthenticator : IFtpAuthenticator
    {
        public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(FtpAuthenticationResult.InvalidCredentials);
    }

    private sealed class StampedAuthenticator : IFtpAuthenticator, ICredentialVersionSource
    {
        public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(FtpAuthenticationResult.InvalidCredentials);

        public ValueTask<string?> GetCredentialVersionAsync(string userName, CancellationToken cancellationToken) =>
            ValueTask.FromResult<string?>("v1");
    }

    private sealed class NullFileSystemFactory : IFtpFileSystemFactory
    {
        public FtpFileSystemCapabilities Capabilities => FtpFileSystemCapabilities.None;

        public IFtpFileSystem Create(FtpUser user) => throw new NotSupportedException();
    }
}
