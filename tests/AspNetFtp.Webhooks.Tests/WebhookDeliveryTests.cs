using System.Text.Json;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Webhooks.Tests;

/// <summary>Real FTP sessions against a Generic Host with <c>AddWebhooks()</c>, delivering to local HTTP listeners.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "first-hook-secret-5b7c9d";
    private const string OtherSecret = "second-hook-secret-a1e2f3";
    private const string Delivered = "ftp.webhooks.delivered";
    private const string Failed = "ftp.webhooks.failed";

    private static readonly byte[] Content = "hello webhooks\n"u8.ToArray();

    [Fact]
    public async Task A_login_and_an_upload_reach_the_hook_as_signed_json_with_every_field_of_the_event()
    {
        await using HookListener hook = HookListener.Start();
        await using WebhookFtpServer server = await WebhookFtpServer.StartAsync(HookSettings.FastRetries().WithHook(0, hook, Secret));
        await using RawFtpClient client = await server.LoginAsync();
        await client.UploadAsync("STOR hello.txt", Content);

        HookRequest login = await hook.WaitForKindAsync("LoginSucceeded");
        HookRequest upload = await hook.WaitForKindAsync("FileReceived");

        foreach (HookRequest request in new[] { login, upload })
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/hook?token=" + HookListener.QueryToken, request.PathAndQuery);
            Assert.Equal(HookSettings.Sign(Secret, request.Body), request.Signature);
            Assert.Equal(request.Kind, request.Event);
            Assert.True(Guid.TryParse(request.DeliveryId, out _), $"delivery id {request.DeliveryId}");
            Assert.Equal("AspNetFtp-Webhooks", request.UserAgent);
            Assert.Equal("application/json; charset=utf-8", request.ContentType);
        }

        Assert.NotEqual(login.DeliveryId, upload.DeliveryId);
        string remote = client.LocalEndPoint.ToString();

        JsonElement loginJson = login.Json;
        Assert.Equal(["kind", "remoteAddress", "sessionId", "timestamp", "user"], Names(loginJson));
        Assert.Equal("alice", loginJson.GetProperty("user").GetString());
        Assert.Equal(remote, loginJson.GetProperty("remoteAddress").GetString());

        JsonElement json = upload.Json;
        Assert.Equal(["bytes", "complete", "durationMs", "kind", "path", "remoteAddress", "sessionId", "timestamp", "user"], Names(json));
        Assert.Equal("FileReceived", json.GetProperty("kind").GetString());
        Assert.Equal("alice", json.GetProperty("user").GetString());
        Assert.Equal(remote, json.GetProperty("remoteAddress").GetString());
        Assert.Equal("/hello.txt", json.GetProperty("path").GetString());
        Assert.Equal(Content.Length, json.GetProperty("bytes").GetInt64());
        Assert.True(json.GetProperty("complete").GetBoolean());
        Assert.True(json.GetProperty("durationMs").GetDouble() >= 0);
        string? sessionId = json.GetProperty("sessionId").GetString();
        Assert.False(string.IsNullOrEmpty(sessionId));
        Assert.Equal(sessionId, loginJson.GetProperty("sessionId").GetString());

        DateTimeOffset loggedIn = loginJson.GetProperty("timestamp").GetDateTimeOffset();
        DateTimeOffset received = json.GetProperty("timestamp").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, received.Offset);
        Assert.True(loggedIn <= received, $"{loggedIn:O} after {received:O}");
        Assert.True(received <= DateTimeOffset.UtcNow, $"{received:O} is in the future");
    }

    [Fact]
    public async Task A_hook_filtered_to_FileReceived_gets_only_uploads_while_an_unfiltered_hook_gets_every_event()
    {
        await using HookListener everything = HookListener.Start();
        await using HookListener uploads = HookListener.Start();
        await using WebhookFtpServer server = await WebhookFtpServer.StartAsync(HookSettings.FastRetries()
            .WithHook(0, everything, Secret)
            .WithHook(1, uploads, OtherSecret, "FileReceived"));
        await using (RawFtpClient client = await server.LoginAsync())
        {
            await client.UploadAsync("STOR hello.txt", Content);
            Assert.Equal(257, (await client.CommandAsync("MKD dir")).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        await everything.WaitForKindAsync("ClientDisconnected");
        await server.StopAsync();

        HookRequest upload = Assert.Single(uploads.Received);
        Assert.Equal("FileReceived", upload.Kind);
        Assert.Equal(HookSettings.Sign(OtherSecret, upload.Body), upload.Signature);
        IReadOnlyList<string?> kinds = [.. everything.Received.Select(r => r.Kind)];
        Assert.Equal(
            ["ClientConnected", "LoginSucceeded", "FileReceived", "DirectoryCreated", "LoggedOut", "ClientDisconnected"],
            kinds.Where(k => k is not ("ServerStarted" or "ServerStopped")));
    }

    [Fact]
    public async Task A_delivery_answered_500_is_retried_and_arrives_once_with_the_same_id_and_body()
    {
        await using HookListener hook = HookListener.Start();
        hook.StatusFor = n => n == 1 ? 500 : 200;
        await using WebhookFtpServer server = await WebhookFtpServer.StartAsync(HookSettings.FastRetries().WithHook(0, hook, Secret, "LoginSucceeded"));
        await using (RawFtpClient client = await server.LoginAsync())
        {
            await server.Metrics.Changes.WaitUntilAsync(() => server.Metrics.Total(Delivered, 0) == 1, TimeSpan.FromSeconds(30), "the delivery");
        }

        await server.StopAsync();

        Assert.Equal(2, hook.Received.Count);
        Assert.Equal(hook.Received[0].DeliveryId, hook.Received[1].DeliveryId);
        Assert.Equal(hook.Received[0].Body, hook.Received[1].Body);
        Assert.Equal(HookSettings.Sign(Secret, hook.Received[1].Body), hook.Received[1].Signature);
        Assert.Equal(1, server.Metrics.Total(Delivered, 0));
        Assert.Equal(0, server.Metrics.Total(Failed, 0));
    }

    [Fact]
    public async Task A_hook_that_always_answers_500_is_counted_as_failed_after_the_last_retry_and_logged_without_its_secret_or_query()
    {
        await using HookListener hook = HookListener.Start();
        hook.StatusFor = _ => 500;
        await using WebhookFtpServer server = await WebhookFtpServer.StartAsync(HookSettings.FastRetries(retries: 2).WithHook(0, hook, Secret, "LoginSucceeded"));
        await using (RawFtpClient client = await server.LoginAsync())
        {
            await server.Metrics.Changes.WaitUntilAsync(() => server.Metrics.Total(Failed, 0) == 1, TimeSpan.FromSeconds(30), "the failure");
        }

        await server.StopAsync();

        Assert.Equal(3, hook.Received.Count);
        Assert.Single(hook.Received.Select(r => r.DeliveryId).Distinct());
        Assert.Equal(0, server.Metrics.Total(Delivered, 0));
        Assert.Equal(1, server.Metrics.Total(Failed, 0));

        LogRecord failure = Assert.Single(server.Logs.Records, r => r.Category == typeof(WebhookSink).FullName && r.EventId.Id == 2);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("HTTP 500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LoginSucceeded", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Records, r => r.AllText.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Records, r => r.AllText.Contains(HookListener.QueryToken, StringComparison.Ordinal));
        Assert.Contains($"({hook.UrlWithoutQuery})", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_226_of_an_upload_arrives_while_the_hook_still_holds_the_uploads_delivery()
    {
        await using HookListener hook = HookListener.Start();
        hook.Hold();
        Dictionary<string, string?> settings = HookSettings.FastRetries(retries: 0).WithHook(0, hook, Secret, "FileReceived");
        settings["FtpServer:Webhooks:Hooks:0:Timeout"] = "00:02:00";
        settings["FtpServer:Webhooks:TotalTimeout"] = "00:05:00";
        await using WebhookFtpServer server = await WebhookFtpServer.StartAsync(settings);
        try
        {
            await using RawFtpClient client = await server.LoginAsync();

            // The event is published before the 226 goes out: a delivery in the session's way would hold the reply.
            await client.UploadAsync("STOR hello.txt", Content);
            await hook.WaitForKindAsync("FileReceived");
            Assert.Equal(0, server.Metrics.Total(Delivered, 0));
        }
        finally
        {
            hook.Release();
        }

        await server.Metrics.Changes.WaitUntilAsync(() => server.Metrics.Total(Delivered, 0) == 1, TimeSpan.FromSeconds(30), "the released delivery");
    }

    [Fact]
    public async Task A_hook_that_holds_its_delivery_does_not_delay_another_hook()
    {
        await using HookListener slow = HookListener.Start();
        await using HookListener fast = HookListener.Start();
        slow.Hold();
        Dictionary<string, string?> settings = HookSettings.FastRetries(retries: 0)
            .WithHook(0, slow, Secret, "LoginSucceeded", "FileReceived")
            .WithHook(1, fast, OtherSecret, "LoginSucceeded", "FileReceived");
        settings["FtpServer:Webhooks:Hooks:0:Timeout"] = "00:02:00";
        settings["FtpServer:Webhooks:TotalTimeout"] = "00:05:00";
        await using WebhookFtpServer server = await WebhookFtpServer.StartAsync(settings);
        try
        {
            await using RawFtpClient client = await server.LoginAsync();
            await client.UploadAsync("STOR hello.txt", Content);

            await fast.WaitForKindAsync("FileReceived");
            await slow.WaitForKindAsync("LoginSucceeded");

            // The slow hook still holds its first delivery; its second waits in its own queue.
            Assert.Equal("LoginSucceeded", Assert.Single(slow.Received).Kind);
            Assert.Equal(0, server.Metrics.Total(Delivered, 0));
        }
        finally
        {
            slow.Release();
        }

        await slow.WaitForKindAsync("FileReceived");
    }

    [Fact]
    public async Task A_full_hook_queue_drops_new_deliveries_at_once_and_counts_and_logs_them()
    {
        await using HookListener hook = HookListener.Start();
        hook.Hold();
        Dictionary<string, string?> settings = HookSettings.FastRetries(retries: 0).WithHook(0, hook, Secret, "FileDeleted");
        settings["FtpServer:Webhooks:QueueCapacity"] = "1";
        settings["FtpServer:Webhooks:Hooks:0:Timeout"] = "00:02:00";
        settings["FtpServer:Webhooks:TotalTimeout"] = "00:05:00";
        await using WebhookFtpServer server = await WebhookFtpServer.StartAsync(settings);
        WebhookSink sink = Assert.Single(server.Services.GetServices<IFtpEventSink>().OfType<WebhookSink>());
        try
        {
            await sink.OnEventAsync(new FileDeleted(DateTimeOffset.UtcNow, "/1.txt"), CancellationToken.None);
            await hook.WaitForKindAsync("FileDeleted");

            // The first is in flight (held), the second fills the queue of one, the third finds it full.
            await sink.OnEventAsync(new FileDeleted(DateTimeOffset.UtcNow, "/2.txt"), CancellationToken.None);
            await sink.OnEventAsync(new FileDeleted(DateTimeOffset.UtcNow, "/3.txt"), CancellationToken.None);

            Assert.Equal(1, server.Metrics.Total("ftp.webhooks.dropped", 0));
            Assert.Equal(1, sink.Queues[0].Dropped);
            LogRecord dropped = Assert.Single(server.Logs.Records, r => r.Category == typeof(WebhookSink).FullName && r.EventId.Id == 3);
            Assert.Equal(LogLevel.Warning, dropped.Level);
        }
        finally
        {
            hook.Release();
        }

        await server.Metrics.Changes.WaitUntilAsync(() => server.Metrics.Total(Delivered, 0) == 2, TimeSpan.FromSeconds(30), "the two queued deliveries");
        Assert.Equal(["/1.txt", "/2.txt"], hook.Received.Select(r => r.Json.GetProperty("path").GetString()));
    }

    private static IEnumerable<string> Names(JsonElement json) => json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
}
