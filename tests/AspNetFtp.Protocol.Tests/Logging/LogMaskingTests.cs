using System.Net;
using System.Text;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Logging;

/// <summary>
/// Security issue 6: a path or user name holding ESC, CR or LF must not reach a log raw, where it could forge
/// lines or drive the terminal of whoever reads the log.
/// </summary>
public sealed class LogMaskingTests
{
    private static bool HasControl(string? text) => text is not null && text.Any(char.IsControl);

    [Fact]
    public async Task A_path_with_a_terminal_escape_reaches_the_transfer_log_and_the_session_scope_masked()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(logs: logs);
        server.Home.WriteFile("esc\u001b[2Jred.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal("x", Encoding.UTF8.GetString(await client.DownloadAsync("RETR esc\u001b[2Jred.txt")));

        LogRecord transfer = Assert.Single(logs.Records, e => e.EventId.Id == 21);
        Assert.Equal("sent /esc?[2Jred.txt: 1 bytes, complete", transfer.Message);
        Assert.Equal("Transfer", transfer.EventId.Name);
        Assert.Contains($"User={TestAuthenticator.UserName}", transfer.Values);
        Assert.DoesNotContain(logs.Records, e => HasControl(e.Message) || e.Values.Any(HasControl));
    }

    [Fact]
    public void A_user_name_with_esc_cr_and_lf_is_logged_masked()
    {
        var logs = new RecordingLoggerProvider();
        using ILoggerFactory factory = logs.CreateFactory();
        ILogger logger = factory.CreateLogger("test");
        using var throttle = new LogThrottle(TimeProvider.System);

        FtpLog.LoginFailed(logger, throttle, System.Net.IPAddress.Loopback, "eve\u001b[2J\r\nroot", "InvalidCredentials");
        FtpLog.LoginSucceeded(logger, "bob\r\n\u001b]0;x\u0007");

        Assert.Equal(
            new[] { "Login failed for eve?[2J??root: InvalidCredentials", "Login succeeded for bob???]0;x?" },
            logs.Records.Select(e => e.Message));
        Assert.Equal(new[] { "LoginFailed", "LoginSucceeded" }, logs.Records.Select(e => e.EventId.Name));
    }

    [Fact]
    public void A_user_name_with_esc_cr_and_lf_appears_masked_in_the_session_scope()
    {
        var logs = new RecordingLoggerProvider();
        using ILoggerFactory factory = logs.CreateFactory();
        ILogger logger = factory.CreateLogger("test");
        var scope = new SessionLogScope("1f", new IPEndPoint(IPAddress.Loopback, 2121)) { User = "eve\u001b[2J\r\nroot" };

        using (logger.BeginScope(scope))
        {
            FtpLog.SessionEnded(logger);
        }

        LogRecord entry = Assert.Single(logs.Records);
        Assert.Contains("User=eve?[2J??root", entry.Values);
        Assert.Equal("session 1f 127.0.0.1:2121 eve?[2J??root", scope.ToString());
    }
}
