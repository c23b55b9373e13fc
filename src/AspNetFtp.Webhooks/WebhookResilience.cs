using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AspNetFtp.Webhooks;

/// <summary>
/// The resilience pipeline of the webhook client (Microsoft.Extensions.Http.Resilience on Polly), outermost first:
/// the total timeout of a delivery, then retries with exponential backoff and jitter on transient failures (network
/// errors, timed-out attempts, 408, 429, 5xx; <c>Retry-After</c> honoured), then each attempt's own timeout, the hook's
/// <see cref="WebhookHookOptions.Timeout"/>, carried to the pipeline in the request's resilience context. No circuit
/// breaker: one pipeline serves every hook, and a breaker opened by one failing receiver would stop the others.
/// </summary>
internal static class WebhookResilience
{
    /// <summary>The pipeline's name, under the client's (telemetry names it <c>AspNetFtp.Webhooks-delivery</c>).</summary>
    public const string PipelineName = "delivery";

    /// <summary>The attempt timeout of the hook a request goes to.</summary>
    public static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("AspNetFtp.Webhooks.AttemptTimeout");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, WebhookOptions options)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        TimeSpan fallback = new WebhookHookOptions().Timeout;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "attempt",
            TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(AttemptTimeout, fallback)),
        });
    }
}
