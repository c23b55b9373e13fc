using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// The Generic Host cancels every service's stop after <see cref="HostOptions.ShutdownTimeout"/> (30 s unless
/// set): the server's stop must outlast <c>FtpServer:ShutdownGracePeriod</c>, or running transfers are cut
/// before the grace period the administrator configured.
/// </summary>
internal static class ShutdownTimeout
{
    /// <summary>What a stop may take beyond the grace period: the server's wait for the sessions it aborted (5 s) and the other services' stop.</summary>
    public static readonly TimeSpan BeyondGracePeriod = TimeSpan.FromSeconds(10);

    /// <summary>Sets the host's shutdown timeout to the grace period plus <see cref="BeyondGracePeriod"/>.</summary>
    public static IServiceCollection AddShutdownTimeoutFromGracePeriod(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<IOptions<FtpServerOptions>>((host, server) =>
            host.ShutdownTimeout = server.Value.Timeouts.ShutdownGrace + BeyondGracePeriod);
        return services;
    }
}
