using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace AspNetFtp.Host.Web;

/// <summary>
/// The default command's monitoring endpoints, anonymous and outside the admin's prefix: <c>/metrics</c> (the
/// <c>AspNetFtp</c> and <c>AspNetFtp.Webhooks</c> meters, ASP.NET Core's and the runtime's instruments, in Prometheus
/// text format through OpenTelemetry's exporter) and <c>/healthz</c> (ASP.NET Core health checks: the FTP listeners
/// and the account database with its tables; plain <c>Healthy</c> with 200, <c>Unhealthy</c> with 503). Each can be
/// moved or switched off (<see cref="WebEndpointOptions"/>).
/// </summary>
internal static class MonitoringWeb
{
    /// <summary>Registers the settings, the health checks, and the metrics pipeline unless <c>FtpServer:Metrics:Enabled</c> is false.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        foreach (string name in (string[])[WebEndpointOptions.Metrics, WebEndpointOptions.Health])
        {
            services.AddOptions<WebEndpointOptions>(name)
                .Configure(o => o.Path = WebEndpointOptions.DefaultPath(name))
                .Bind(configuration.GetSection($"FtpServer:{name}"))
                .ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebEndpointOptions>, WebEndpointOptionsValidator>());
        services.AddHealthChecks().AddFtpHealthChecks();

        // Switched off: no listener at all, so the instruments cost one check each, as without an exporter.
        if (configuration.GetSection($"FtpServer:{WebEndpointOptions.Metrics}").Get<WebEndpointOptions>()?.Enabled == false)
        {
            return;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FtpMetrics.MeterName, WebhookMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>Maps the endpoints that are switched on (a switched-off one answers 404 like any unknown path).</summary>
    public static void Map(WebApplication app)
    {
        IOptionsMonitor<WebEndpointOptions> settings = app.Services.GetRequiredService<IOptionsMonitor<WebEndpointOptions>>();
        WebEndpointOptions metrics = settings.Get(WebEndpointOptions.Metrics);
        WebEndpointOptions health = settings.Get(WebEndpointOptions.Health);
        if (metrics.Enabled && health.Enabled && string.Equals(metrics.Path.TrimEnd('/'), health.Path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(WebEndpointOptions.Health, typeof(WebEndpointOptions),
                [$"FtpServer:Health:Path and FtpServer:Metrics:Path must differ (both '{health.Path}')"]);
        }

        if (metrics.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(metrics.Path).AllowAnonymous();
        }

        if (health.Enabled)
        {
            app.MapHealthChecks(health.Path, new HealthCheckOptions()).AllowAnonymous();
        }
    }
}
