using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Webhooks;
using AspNetFtp.Host.Accounts;
using AspNetFtp.Host.Data;
using AspNetFtp.Host.ProcessManagement;
using AspNetFtp.Host.Startup;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// The serving part of <c>ftpserver</c>: registers the server with its account store, starts the Generic Host
/// (the <see cref="StartupPipeline"/> runs between binding the ports and the first accept), prints the banner,
/// tells a waiting parent or systemd it is ready, and serves until stopped.
/// </summary>
internal static class FtpServerHost
{
    /// <param name="runAs">The checked <c>--file-access-user</c> account, or null.</param>
    public static Task<int> ServeAsync(HostApplicationBuilder builder, UnixAccount? runAs, CancellationToken cancellationToken) =>
        ServeAsync(builder, new ServedApp(builder.Build), runAs, cancellationToken);

    /// <summary>The same for another kind of host (the default command's web application): <paramref name="app"/> says how to build it.</summary>
    internal static async Task<int> ServeAsync(IHostApplicationBuilder builder, ServedApp app, UnixAccount? runAs, CancellationToken cancellationToken)
    {
        AccountStoreKind store;
        try
        {
            store = AccountStoreSetup.ChooseStore(builder.Configuration);
            AddServices(builder, store);
            app.AddServices?.Invoke(store);
        }
        catch (Exception ex) when (ex is FtpConfigurationException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }

        FailedStartLogFilter logFilter = FailedStartLogFilter.AddTo(builder);
        IHost host;
        try
        {
            // Building reads the host's options, and through the shutdown timeout the server's settings.
            host = app.Build();
        }
        catch (Exception ex) when (StartFailure.IsKnown(ex))
        {
            return StartFailure.Report(ex);
        }

        using (host)
        {
            return await StartAndServeAsync(host, builder, app, store, runAs, logFilter, cancellationToken);
        }
    }

    /// <summary>The server, its account store, systemd and Windows service support, and a shutdown timeout that outlasts the grace period.</summary>
    internal static void AddServices(IHostApplicationBuilder builder, AccountStoreKind store)
    {
        // Type=notify readiness and journald-friendly logs under systemd; service control on Windows. Both do nothing elsewhere.
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        FtpServerBuilder ftp = builder.Services.AddFtpServerWithAccounts(builder.Configuration, store);
        // Webhooks only when some are configured: an unused sink would still wake a queue for every event.
        if (builder.Configuration.GetSection("FtpServer:Webhooks:Hooks").GetChildren().Any())
        {
            ftp.AddWebhooks();
        }

        builder.Services.AddShutdownTimeoutFromGracePeriod();
        builder.Services.AddHostedService<HangupReload>();
    }

    private static async Task<int> StartAndServeAsync(
        IHost host, IHostApplicationBuilder builder, ServedApp app, AccountStoreKind store, UnixAccount? runAs, FailedStartLogFilter logFilter, CancellationToken cancellationToken)
    {
        StartupPipeline startup;
        try
        {
            // Validate before the host starts, so a bad setting is reported once, plainly, without the host's stack trace.
            _ = host.Services.GetRequiredService<IOptions<FtpServerOptions>>().Value;
            if (store == AccountStoreKind.Configuration)
            {
                _ = host.Services.GetRequiredService<IOptions<ConfiguredAccountsOptions>>().Value;
            }

            startup = StartupPipeline.For(host.Services, builder.Configuration, store, runAs);
            host.Services.GetRequiredService<FtpServer>().ListenersBound = startup.RunAsync;
            await host.StartAsync(cancellationToken);
            logFilter.Started();
        }
        catch (Exception ex) when (StartFailure.IsKnown(ex))
        {
            return StartFailure.Report(ex);
        }

        ServerBanner.Print(host.Services, store, startup.FirstAdministrator, app.AdminUrl?.Invoke(host.Services));
        Daemonizer.SignalReady();
        await host.WaitForShutdownAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
