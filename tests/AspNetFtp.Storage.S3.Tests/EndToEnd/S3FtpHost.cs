using System.Net;
using Amazon.S3;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Storage.S3.DependencyInjection;
using AspNetFtp.Storage.S3.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AspNetFtp.Storage.S3.Tests.EndToEnd;

/// <summary>
/// A real FTP server in a generic host on 127.0.0.1 and a free port, registered the way an application does
/// (<c>AddFtpServer(configuration).AddS3Storage()</c>), with storage profiles from configuration. Every user logs in
/// with the password <see cref="Password"/>; a user's profile is the one <see cref="StartAsync"/> maps the name to.
/// </summary>
internal sealed class S3FtpHost : IAsyncDisposable
{
    public const string Password = "pw";

    private readonly IHost _host;
    private readonly string _home;

    private S3FtpHost(IHost host, string home)
    {
        _host = host;
        _home = home;
    }

    public FtpServer Server => _host.Services.GetRequiredService<FtpServer>();

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Server.Listeners[0].EndPoint.Port);

    /// <param name="profiles">Profile name → its settings (as under <c>FtpServer:Storage:Profiles:&lt;name&gt;</c>).</param>
    /// <param name="users">User name → the profile the user is on.</param>
    /// <param name="client">When set, every S3 profile uses this client (the strict fake) instead of its own.</param>
    public static async Task<S3FtpHost> StartAsync(
        Dictionary<string, Dictionary<string, string?>> profiles, Dictionary<string, string> users, IAmazonS3? client = null)
    {
        string home = Directory.CreateTempSubdirectory("aspnetftp-s3-").FullName;
        Dictionary<string, string?> settings = new()
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
            ["FtpServer:Timeouts:ShutdownGrace"] = "00:00:02",
            ["FtpServer:Defender:Enabled"] = "false",
        };
        foreach ((string profile, Dictionary<string, string?> keys) in profiles)
        {
            foreach ((string key, string? value) in keys)
            {
                settings[$"FtpServer:Storage:Profiles:{profile}:{key}"] = value;
            }
        }

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(new ProfileUsers(users, home));
        if (client is not null)
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IFtpStorageKind>(new S3StorageKind(null, _ => client)));
        }

        builder.Services.AddFtpServer(builder.Configuration).AddAuthenticator<ProfileUsers>().AddS3Storage();
        IHost host = builder.Build();
        await host.StartAsync();
        return new S3FtpHost(host, home);
    }

    /// <summary>Connects, reads the greeting and logs in as <paramref name="user"/>.</summary>
    public async Task<RawFtpClient> LoginAsync(string user)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(EndPoint);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await client.LoginAsync(user, Password);
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        return client;
    }

    /// <summary>Waits (bounded) until no session is left, so every upload the sessions had is finished.</summary>
    public async Task WaitForNoSessionsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Server.Sessions.Count > 0)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    /// <summary>The users: any name in the map, with the fixed password, on its profile.</summary>
    internal sealed class ProfileUsers(Dictionary<string, string> users, string home) : IFtpAuthenticator
    {
        public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(users.TryGetValue(request.UserName, out string? profile) && request.Password == Password
                ? FtpAuthenticationResult.Success(new FtpUser(request.UserName, home, FtpPermissions.All) { StorageProfile = profile })
                : FtpAuthenticationResult.InvalidCredentials);
    }
}
