using System.Net;
using System.Text;
using System.Text.Json;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Webhooks.Tests;

public sealed class WebhookPayloadTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 30, 15, 4, 5, TimeSpan.FromHours(2));

    [Fact]
    public void A_rename_carries_the_session_fields_then_its_own_paths_in_camel_case()
    {
        var renamed = new FileRenamed(When, "/a.txt", "/b.txt")
        {
            SessionId = "s-42",
            RemoteEndPoint = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 40000),
            UserName = "bob",
        };

        JsonElement json = Parse(WebhookPayload.Serialize(renamed));

        Assert.Equal(["fromPath", "kind", "remoteAddress", "sessionId", "timestamp", "toPath", "user"], Names(json));
        Assert.Equal("FileRenamed", json.GetProperty("kind").GetString());
        Assert.Equal("2026-11-30T13:04:05+00:00", json.GetProperty("timestamp").GetString());
        Assert.Equal("s-42", json.GetProperty("sessionId").GetString());
        Assert.Equal("127.0.0.2:40000", json.GetProperty("remoteAddress").GetString());
        Assert.Equal("bob", json.GetProperty("user").GetString());
        Assert.Equal("/a.txt", json.GetProperty("fromPath").GetString());
        Assert.Equal("/b.txt", json.GetProperty("toPath").GetString());
    }

    [Fact]
    public void A_server_event_has_null_session_fields_and_its_endpoints_as_text()
    {
        var started = new ServerStarted(When, [new IPEndPoint(IPAddress.Loopback, 2121)]);

        JsonElement json = Parse(WebhookPayload.Serialize(started));

        Assert.Equal(JsonValueKind.Null, json.GetProperty("sessionId").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("remoteAddress").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("user").ValueKind);
        Assert.Equal(["127.0.0.1:2121"], json.GetProperty("endPoints").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_failed_login_names_its_reason()
    {
        JsonElement json = Parse(WebhookPayload.Serialize(new LoginFailed(When, FtpAuthenticationStatus.InvalidCredentials) { UserName = "mallory" }));

        Assert.Equal("InvalidCredentials", json.GetProperty("reason").GetString());
        Assert.Equal("mallory", json.GetProperty("user").GetString());
    }

    [Fact]
    public void An_event_type_added_later_is_serialized_from_its_own_properties_with_durations_in_milliseconds()
    {
        var added = new LaterEvent(When, "/x", TimeSpan.FromMilliseconds(1500.25), [1, 2]);

        JsonElement json = Parse(WebhookPayload.Serialize(added));

        Assert.Equal(["kind", "numbers", "path", "remoteAddress", "sessionId", "timestamp", "user", "waitMs"], Names(json));
        Assert.Equal("LaterEvent", json.GetProperty("kind").GetString());
        Assert.Equal("/x", json.GetProperty("path").GetString());
        Assert.Equal(1500.25, json.GetProperty("waitMs").GetDouble());
        Assert.Equal([1, 2], json.GetProperty("numbers").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void The_signature_is_sha256_and_the_hex_hmac_of_the_body_and_verifies_only_that_body()
    {
        byte[] body = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");

        string signature = WebhookSignature.Compute("key", body);

        // RFC 2104 HMAC-SHA256 of this well-known message under the key "key".
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
        Assert.True(WebhookSignature.Verify("key", body, signature));
        body[0] ^= 1;
        Assert.False(WebhookSignature.Verify("key", body, signature));
        Assert.False(WebhookSignature.Verify("key", body, null));
    }

    private static JsonElement Parse(byte[] body) => JsonDocument.Parse(body).RootElement.Clone();

    private static IEnumerable<string> Names(JsonElement json) => json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private sealed record LaterEvent(DateTimeOffset Timestamp, string Path, TimeSpan Wait, int[] Numbers) : FtpEvent(Timestamp);
}
