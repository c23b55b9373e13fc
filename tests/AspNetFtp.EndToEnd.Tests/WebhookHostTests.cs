using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>The ready server posts its events to the webhooks its configuration names (issue 9).</summary>
public sealed class WebhookHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);
    private const string Secret = "a-hook-secret-of-32-characters!!";

    [Fact]
    public async Task A_login_to_the_host_is_posted_to_the_configured_hook_with_a_valid_signature()
    {
        int port = UnusedPort.Take();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();

        await using FtpTestServer server = await FtpTestServer.StartAsync(output, settings =>
        {
            settings.Environment["FtpServer__Webhooks__Hooks__0__Url"] = $"http://127.0.0.1:{port}/hook/";
            settings.Environment["FtpServer__Webhooks__Hooks__0__Secret"] = Secret;
            settings.Environment["FtpServer__Webhooks__Hooks__0__Events__0"] = "LoginSucceeded";
        });

        Task<HttpListenerContext> delivery = listener.GetContextAsync();
        ProcessResult list = await server.CurlAsync("--list-only", server.Url());
        Assert.True(list.Succeeded, list.Describe());

        HttpListenerContext context = await delivery.WaitAsync(DeliveryTimeout);
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await context.Request.InputStream.CopyToAsync(buffer);
            body = buffer.ToArray();
        }

        context.Response.StatusCode = 204;
        context.Response.Close();

        string expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        Assert.Equal(expected, context.Request.Headers["X-AspNetFtp-Signature"]);
        Assert.Equal("LoginSucceeded", context.Request.Headers["X-AspNetFtp-Event"]);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("LoginSucceeded", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(FtpTestServer.UserName, json.RootElement.GetProperty("user").GetString());
    }
}
