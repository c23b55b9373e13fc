using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Limits;

/// <summary>Sessions per user (<c>FtpUserLimits.MaxSessions</c>, <c>Limits:MaxSessionsPerUser</c>): counted across the server, over real sockets.</summary>
public sealed class SessionsPerUserTests
{
    [Fact]
    public async Task A_login_past_the_users_max_sessions_gets_421_at_pass_and_a_place_freed_by_quit_can_be_taken_again()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Authenticator.Change(TestAuthenticator.UserName, u => u with { Limits = new FtpUserLimits(MaxSessions: 2) });
        await using RawFtpClient first = await server.LoginAsync();
        await using RawFtpClient second = await server.LoginAsync();

        await using RawFtpClient third = await server.ConnectAsync();
        Assert.Equal(331, (await third.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
        FtpReply refused = await third.CommandAsync("PASS " + TestAuthenticator.Password);
        Assert.Equal("421 Too many sessions for this user (at most 2); closing control connection.", refused.ToString());
        Assert.True(await third.IsClosedByServerAsync());

        Assert.Equal(200, (await first.CommandAsync("NOOP")).Code);
        Assert.Equal(221, (await second.CommandAsync("QUIT")).Code);
        await WaitUntilAsync(() => server.Server.Sessions.List().Count == 1);
        await using RawFtpClient fourth = await server.LoginAsync();
        Assert.Equal(257, (await fourth.CommandAsync("PWD")).Code);
    }

    [Fact]
    public async Task The_server_default_max_sessions_per_user_counts_each_user_apart_and_rein_gives_the_place_back()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxSessionsPerUser = 1);
        server.Authenticator.AddUser("bob", "bobpass", server.Home.CreateDirectory("bob"));
        await using RawFtpClient alice = await server.LoginAsync();
        await using RawFtpClient bob = await server.ConnectAsync();
        await bob.LoginAsync("bob", "bobpass");

        await using RawFtpClient again = await server.ConnectAsync();
        Assert.Equal(331, (await again.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
        Assert.Equal(421, (await again.CommandAsync("PASS " + TestAuthenticator.Password)).Code);

        Assert.Equal(220, (await alice.CommandAsync("REIN")).Code);
        await using RawFtpClient after = await server.LoginAsync();
        Assert.Equal(200, (await after.CommandAsync("NOOP")).Code);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
