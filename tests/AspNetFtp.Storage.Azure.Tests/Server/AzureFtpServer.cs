using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>
/// A real FTP server in this process on 127.0.0.1 and a free port, configured as an operator would: profile <c>az</c>
/// (Kind AzureBlob, prefix <c>&lt;random&gt;/{username}</c>) on the emulator, and the optional profile <c>down</c> whose
/// endpoint nobody listens on, and <c>move</c>, az's container and prefix with <c>AllowDirectoryRename</c>. alice, bob,
/// <c>..</c> and <c>a/b</c> are on az, carol on down, dave on move.
/// </summary>
public sealed class AzureFtpServer : IAsyncLifetime
{
    private readonly AzureTestStore _store = new();
    private IHost? _host;

    public string Root { get; } = "srv-" + Guid.NewGuid().ToString("N")[..8] + "/";

    internal RecordedEvents Events { get; } = new();

    public AzureTestStore Store => _store;

    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Defender:Enabled"] = "false",
            ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
        };
        foreach ((string key, string? value) in _store.Settings(Root + "{username}", ("UploadConcurrency", "2")))
        {
            settings["FtpServer:Storage:Profiles:az:" + key] = value;
        }

        foreach ((string key, string? value) in _store.Settings(Root + "{username}", ("AllowDirectoryRename", "true")))
        {
            settings["FtpServer:Storage:Profiles:move:" + key] = value;
        }

        string dead = string.Join(';', AzureTestStore.ConnectionString.Split(';')
            .Select(part => part.StartsWith("BlobEndpoint=", StringComparison.Ordinal) ? $"BlobEndpoint=http://127.0.0.1:{UnusedPort.Take()}/devstoreaccount1" : part));
        foreach ((string key, string? value) in _store.Settings("", ("ConnectionString", dead), ("MaxRetries", "0"), ("Optional", "true")))
        {
            settings["FtpServer:Storage:Profiles:down:" + key] = value;
        }

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IFtpEventSink>(Events);
        builder.Services.AddSingleton(new UserAccounts(new Dictionary<string, string>
        {
            ["alice"] = "az",
            ["bob"] = "az",
            [".."] = "az",
            ["a/b"] = "az",
            ["carol"] = "down",
            ["dave"] = "move",
        }));
        builder.Services.AddFtpServer(builder.Configuration).AddAzureBlobStorage().AddAuthenticator<UserAccounts>();
        _host = builder.Build();
        await Task.Run(() => _host.StartAsync());
        EndPoint = new IPEndPoint(IPAddress.Loopback, _host.Services.GetRequiredService<FtpServer>().Listeners[0].EndPoint.Port);
    }

    /// <summary>Connects and logs in as <paramref name="user"/>.</summary>
    public async Task<RawFtpClient> LoginAsync(string user)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(EndPoint);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await client.LoginAsync(user, UserAccounts.Password);
        await client.ExpectAsync("TYPE I", 200);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await _store.DisposeAsync();
    }
}
