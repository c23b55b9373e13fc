using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;

namespace AspNetFtp.Webhooks;

/// <summary>
/// POSTs one delivery to one hook through the named client <see cref="ClientName"/>, whose resilience handler
/// retries it; returns the final status.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients)
{
    /// <summary>The named <see cref="HttpClient"/> of the webhooks (no redirects, no cookies, the resilience handler).</summary>
    public const string ClientName = "AspNetFtp.Webhooks";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Sends <paramref name="delivery"/>, retrying as the pipeline says; throws when the last attempt failed without an answer.</summary>
    public async Task<HttpStatusCode> SendAsync(WebhookHook hook, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Uri);
        var content = new ByteArrayContent(delivery.Body);
        content.Headers.ContentType = Json;
        request.Content = content;
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, WebhookSignature.Compute(hook.Secret, delivery.Body));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Event, delivery.Kind);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Delivery, delivery.Id.ToString("D", CultureInfo.InvariantCulture));

        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WebhookResilience.AttemptTimeout, hook.Timeout);
        request.SetResilienceContext(context);
        try
        {
            HttpClient client = clients.CreateClient(ClientName);
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.StatusCode;
        }
        finally
        {
            request.SetResilienceContext(null);
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
