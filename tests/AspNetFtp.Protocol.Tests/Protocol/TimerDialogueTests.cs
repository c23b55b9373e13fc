using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Timeouts and delays driven by the injected clock: the tests move a fake clock to the exact boundary
/// instead of sleeping through it. The clock moves only once the server is known to wait on it (a timer
/// created), and "not yet" is read from the timer callbacks that ran, never from a real-time pause.
/// </summary>
public sealed class TimerDialogueTests
{
    private readonly ObservableTimeProvider _time = new();

    [Fact]
    public async Task A_failed_login_is_answered_only_after_the_failure_delay()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.LoginFailureDelay = TimeSpan.FromSeconds(2), time: _time);
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);

        await client.SendAsync("PASS wrong");
        Task<FtpReply> reply = client.ReadReplyAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.False(reply.IsCompleted, "the failed login was answered before the delay");

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(530, (await reply).Code);
    }

    [Fact]
    public async Task A_good_login_is_answered_without_delay()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.LoginFailureDelay = TimeSpan.FromSeconds(2), time: _time);
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);

        Assert.Equal(230, (await client.CommandAsync("PASS secret")).Code);
    }

    [Fact]
    public async Task The_idle_timeout_fires_exactly_when_the_time_runs_out()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Idle = TimeSpan.FromSeconds(300), time: _time);
        await using RawFtpClient client = await server.LoginAsync();

        _time.Advance(TimeSpan.FromSeconds(299));
        Task<FtpReply> reply = client.ReadReplyAsync();
        Assert.Equal(0, _time.CallbacksRun);
        Assert.False(reply.IsCompleted, "the session timed out early");

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(421, (await reply).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task A_command_restarts_the_idle_timeout()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Idle = TimeSpan.FromSeconds(300), time: _time);
        await using RawFtpClient client = await server.LoginAsync();

        _time.Advance(TimeSpan.FromSeconds(200));
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        _time.Advance(TimeSpan.FromSeconds(200));
        Task<FtpReply> reply = client.ReadReplyAsync();
        Assert.Equal(0, _time.CallbacksRun);
        Assert.False(reply.IsCompleted, "the idle timeout was not restarted by NOOP");

        _time.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal(421, (await reply).Code);
    }

    [Fact]
    public async Task Before_login_the_shorter_login_timeout_applies()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.Timeouts.Login = TimeSpan.FromSeconds(30);
            o.Timeouts.Idle = TimeSpan.FromSeconds(300);
        }, time: _time);
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task The_login_timeout_counts_from_connecting_so_commands_cannot_keep_a_session_open_without_login()
    {
        // FtpServerOptions.LoginTimeout: "Seconds a client has to log in after connecting."
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Login = TimeSpan.FromSeconds(30), time: _time);
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        _time.Advance(TimeSpan.FromSeconds(10));

        FtpReply? reply = await client.TryReadReplyAsync(TimeSpan.FromSeconds(2));
        Assert.True(reply?.Code == 421, $"30 s after connecting without a login: expected 421, got {reply?.ToString() ?? "nothing"}");
    }

    [Fact]
    public async Task After_login_the_longer_session_timeout_replaces_the_login_timeout()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.Timeouts.Login = TimeSpan.FromSeconds(30);
            o.Timeouts.Idle = TimeSpan.FromSeconds(300);
        }, time: _time);
        await using RawFtpClient client = await server.LoginAsync();

        _time.Advance(TimeSpan.FromSeconds(60));
        Task<FtpReply> reply = client.ReadReplyAsync();

        Assert.Equal(0, _time.CallbacksRun);
        Assert.False(reply.IsCompleted, "a logged-in session timed out after the login timeout");
        await client.SendAsync("NOOP");
        Assert.Equal(200, (await reply).Code);
    }
}
