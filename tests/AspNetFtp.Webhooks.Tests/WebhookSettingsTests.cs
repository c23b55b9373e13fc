using AspNetFtp.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Webhooks.Tests;

public sealed class WebhookSettingsTests
{
    private const string ValidSecret = "valid-hook-secret-0123";

    [Theory]
    [InlineData("FtpServer:Webhooks:Hooks:0:Url", "ftp://127.0.0.1/hook")]
    [InlineData("FtpServer:Webhooks:Hooks:0:Url", "/relative/hook")]
    [InlineData("FtpServer:Webhooks:Hooks:0:Url", "http://user:password@127.0.0.1/hook")]
    [InlineData("FtpServer:Webhooks:Hooks:0:Secret", "tiny-secret")]
    [InlineData("FtpServer:Webhooks:Hooks:0:Events:0", "FileUploaded")]
    [InlineData("FtpServer:Webhooks:Hooks:0:Timeout", "00:10:00")]
    [InlineData("FtpServer:Webhooks:Retries", "11")]
    [InlineData("FtpServer:Webhooks:QueueCapacity", "0")]
    [InlineData("FtpServer:Webhooks:TotalTimeout", "30")]
    public async Task A_bad_webhook_setting_fails_the_start_naming_its_key_and_never_the_secret(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FtpServer:Webhooks:Hooks:0:Url"] = "http://127.0.0.1:9/hook",
            ["FtpServer:Webhooks:Hooks:0:Secret"] = ValidSecret,
            [key] = value,
        };
        using IHost host = WebhookFtpServer.Build(settings, Path.GetTempPath(), new RecordingLoggerProvider());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key + ": ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidSecret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("password", ex.Message, StringComparison.Ordinal);
        if (key.EndsWith(":Secret", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Valid_settings_with_event_kinds_in_any_case_start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["FtpServer:Webhooks:Hooks:0:Url"] = "https://127.0.0.1:9/hook?token=abc",
            ["FtpServer:Webhooks:Hooks:0:Secret"] = ValidSecret,
            ["FtpServer:Webhooks:Hooks:0:Events:0"] = "filereceived",
            ["FtpServer:Webhooks:Hooks:0:Timeout"] = "00:00:05",
        };
        using IHost host = WebhookFtpServer.Build(settings, Path.GetTempPath(), new RecordingLoggerProvider());

        await host.StartAsync();
        await host.StopAsync();
    }
}
