using System.Net;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Identity.Nodes;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>
/// A second FTP node on the admin app's database (same accounts), with a name of its own and short heartbeats: its
/// FTP server and its heartbeat started as a host starts them. No admin: the app's admin shows it.
/// </summary>
public sealed class OtherNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly FtpServer _server;
    private readonly FtpNodeHeartbeat<AdminTestDbContext> _heartbeat;

    private OtherNode(ServiceProvider services, string name)
    {
        _services = services;
        _server = services.GetRequiredService<FtpServer>();
        _heartbeat = services.GetRequiredService<FtpNodeHeartbeat<AdminTestDbContext>>();
        Name = name;
    }

    public string Name { get; }

    public IPEndPoint EndPoint => _server.Listeners[0].EndPoint;

    /// <param name="app">The admin app whose database the node shares.</param>
    /// <param name="name">The node's name.</param>
    /// <param name="behindProxy">Requires the PROXY protocol from 127.0.0.1 (a balancer on loopback).</param>
    public static async Task<OtherNode> StartAsync(AdminApp app, string name, bool behindProxy = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:RootDirectory"] = Path.Combine(app.ContentDirectory, "ftp"),
            ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
            ["FtpServer:DataChannel:PassivePorts"] = "16100-16120",
            ["FtpServer:DataChannel:MasqueradeAddress"] = "127.0.0.1",
            ["FtpServer:Node:Name"] = name,
            ["FtpServer:Node:HeartbeatInterval"] = "00:00:00.200",
        };
        if (behindProxy)
        {
            settings["FtpServer:ProxyProtocol:Enabled"] = "true";
            settings["FtpServer:ProxyProtocol:TrustedProxies:0"] = "127.0.0.1/32";
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<AdminTestDbContext>(o => o.UseSqlite(app.ConnectionString));
        services.AddIdentityCore<IdentityUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AdminTestDbContext>();
        services.AddFtpServer(configuration).AddIdentityAccounts<IdentityUser, AdminTestDbContext>();
        ServiceProvider provider = services.BuildServiceProvider();
        var node = new OtherNode(provider, name);
        await node._server.StartAsync(CancellationToken.None);
        await node._heartbeat.StartAsync(CancellationToken.None);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await _heartbeat.StopAsync(CancellationToken.None);
        await _server.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
