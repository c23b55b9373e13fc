using AspNetFtp.Protocol.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Webhooks;

/// <summary><c>builder.AddWebhooks()</c> on the builder <c>AddFtpServer</c> returns.</summary>
public static class WebhooksFtpServerBuilderExtensions
{
    /// <summary>
    /// POSTs every server and session event as signed JSON to the hooks in <c>FtpServer:Webhooks</c> (read from the
    /// section given to <c>AddFtpServer(configuration)</c>): a named <see cref="HttpClient"/> with a resilience
    /// handler (total timeout, retries with exponential backoff and jitter, per-attempt timeout), one bounded queue
    /// per hook, the <c>AspNetFtp.Webhooks</c> meter. The settings are validated when the host starts. A second call
    /// adds nothing.
    /// </summary>
    public static FtpServerBuilder AddWebhooks(this FtpServerBuilder builder) => builder.AddWebhooks(static _ => { });

    /// <summary>
    /// As <see cref="AddWebhooks(FtpServerBuilder)"/>, then <paramref name="configure"/> changes the settings read from
    /// configuration (or sets them all, for a server configured in code).
    /// </summary>
    public static FtpServerBuilder AddWebhooks(this FtpServerBuilder builder, Action<WebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        IServiceCollection services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(WebhookSender)))
        {
            return builder;
        }

        OptionsBuilder<WebhookOptions> options = services.AddOptions<WebhookOptions>();
        if (builder.Configuration is { } configuration)
        {
            options.Bind(configuration.GetSection(WebhookOptions.SectionName));
        }

        options.Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookSender>();

        services.AddHttpClient(WebhookSender.ClientName, static client =>
            {
                // The resilience handler's total timeout bounds a delivery; the client's own would cut its retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(WebhookHeaders.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                // A redirect is an answer, not a new target: the signed body never goes anywhere not configured.
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // WebhookLog is the one place a hook's URL is logged, without its query; the factory's own request logs
            // (which redact the query only while the app leaves that default on) are not added.
            .RemoveAllLoggers()
            .AddResilienceHandler(WebhookResilience.PipelineName, static (pipeline, context) =>
                WebhookResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value));

        builder.AddEventSink<WebhookSink>();
        return builder;
    }
}
