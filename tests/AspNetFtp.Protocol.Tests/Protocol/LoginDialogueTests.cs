using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>USER, PASS, REIN, QUIT and what needs a login (RFC 959 §4.1.1, §5.4).</summary>
public sealed class LoginDialogueTests
{
    [Theory]
    [InlineData("PWD")]
    [InlineData("CWD /")]
    [InlineData("LIST")]
    [InlineData("RETR a.txt")]
    [InlineData("STOR a.txt")]
    [InlineData("PASV")]
    [InlineData("MKD d")]
    [InlineData("TYPE I")]
    [InlineData("SITE CHMOD 644 a.txt")]
    [InlineData("STAT /")]
    public async Task A_command_before_login_gets_530(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(530, (await client.CommandAsync(command)).Code);
    }

    [Fact]
    public async Task A_good_user_and_password_log_in_with_331_then_230()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS secret")).Code);
        Assert.Equal(257, (await client.CommandAsync("PWD")).Code);
    }

    [Fact]
    public async Task Pass_without_user_gets_503()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(503, (await client.CommandAsync("PASS secret")).Code);
        Assert.Equal(0, server.Authenticator.Calls);
    }

    [Fact]
    public async Task User_without_a_name_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(501, (await client.CommandAsync("USER")).Code);
    }

    [Fact]
    public async Task A_user_name_longer_than_256_characters_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(501, (await client.CommandAsync("USER " + new string('u', 257))).Code);
    }

    [Fact]
    public async Task A_bad_password_gets_530_and_the_session_goes_on()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(530, (await client.CommandAsync("PASS wrong")).Code);
        Assert.Equal(530, (await client.CommandAsync("PWD")).Code);
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS secret")).Code);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_530_as_a_bad_password()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(331, (await client.CommandAsync("USER mallory")).Code);
        FtpReply unknown = await client.CommandAsync("PASS secret");
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        FtpReply wrong = await client.CommandAsync("PASS wrong");

        Assert.Equal(530, unknown.Code);
        Assert.Equal(wrong.Text, unknown.Text);
    }

    [Fact]
    public async Task Too_many_failed_logins_get_530_then_421_and_the_connection_is_closed()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxLoginFailures = 3);
        await using RawFtpClient client = await server.ConnectAsync();

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
            Assert.Equal(530, (await client.CommandAsync("PASS wrong" + attempt)).Code);
        }

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task An_unavailable_account_store_gets_421_and_the_connection_is_closed()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Authenticator.ForcedFailure = FtpAuthenticationStatus.ServiceUnavailable;
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(421, (await client.CommandAsync("PASS secret")).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task A_locked_out_account_gets_the_plain_530()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Authenticator.ForcedFailure = FtpAuthenticationStatus.LockedOut;
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        FtpReply reply = await client.CommandAsync("PASS secret");

        Assert.Equal(530, reply.Code);
        Assert.DoesNotContain("lock", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task User_after_login_gets_530()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(530, (await client.CommandAsync("USER bob")).Code);
    }

    [Fact]
    public async Task Rein_logs_out_and_keeps_the_connection()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(220, (await client.CommandAsync("REIN")).Code);
        Assert.Equal(530, (await client.CommandAsync("PWD")).Code);
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS secret")).Code);
    }

    [Fact]
    public async Task Quit_gets_221_and_the_connection_is_closed()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Acct_is_accepted_and_ignored_with_202()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(202, (await client.CommandAsync("ACCT billing")).Code);
    }
}
