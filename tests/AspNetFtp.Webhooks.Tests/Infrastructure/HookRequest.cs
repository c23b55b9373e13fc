using System.Text.Json;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>One POST a <see cref="HookListener"/> received: the headers a receiver reads and the raw body bytes.</summary>
internal sealed record HookRequest(
    string Method,
    string PathAndQuery,
    string? Event,
    string? Signature,
    string? DeliveryId,
    string? UserAgent,
    string? ContentType,
    byte[] Body)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The body's <c>kind</c>.</summary>
    public string? Kind => Json.GetProperty("kind").GetString();
}
