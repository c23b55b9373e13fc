using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>PWD, CWD, CDUP (RFC 959 §4.1.1, §4.1.3) and the jail.</summary>
public sealed class NavigationDialogueTests
{
    [Fact]
    public async Task Pwd_after_login_shows_the_root_quoted()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("PWD");

        Assert.Equal(257, reply.Code);
        Assert.StartsWith("257 \"/\"", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cwd_into_a_directory_gets_250_and_pwd_follows()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("a/b");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(250, (await client.CommandAsync("CWD a/b")).Code);
        Assert.StartsWith("257 \"/a/b\"", (await client.CommandAsync("PWD")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cwd_to_a_file_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("CWD f.txt")).Code);
        Assert.StartsWith("257 \"/\"", (await client.CommandAsync("PWD")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cwd_to_a_missing_directory_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("CWD nowhere")).Code);
    }

    [Fact]
    public async Task Cwd_above_the_root_is_refused_with_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("CWD ../../etc")).Code);
        Assert.StartsWith("257 \"/\"", (await client.CommandAsync("PWD")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cwd_through_a_link_to_etc_is_refused_with_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        File.CreateSymbolicLink(server.Home["etc"], "/etc");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("CWD etc")).Code);
    }

    [Fact]
    public async Task Cwd_with_a_backslash_is_refused_with_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("CWD ..\\..\\etc")).Code);
    }

    [Fact]
    public async Task Cdup_at_the_root_stays_at_the_root()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(250, (await client.CommandAsync("CDUP")).Code);
        Assert.StartsWith("257 \"/\"", (await client.CommandAsync("PWD")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cdup_goes_to_the_parent_directory()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("a/b");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(250, (await client.CommandAsync("CWD /a/b")).Code);

        Assert.Equal(250, (await client.CommandAsync("CDUP")).Code);
        Assert.StartsWith("257 \"/a\"", (await client.CommandAsync("PWD")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pwd_doubles_a_double_quote_in_the_directory_name()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply made = await client.CommandAsync("MKD say \"hi\"");
        Assert.Equal(250, (await client.CommandAsync("CWD say \"hi\"")).Code);
        FtpReply pwd = await client.CommandAsync("PWD");

        Assert.Equal(257, made.Code);
        Assert.StartsWith("257 \"/say \"\"hi\"\"\" ", made.Text, StringComparison.Ordinal);
        Assert.StartsWith("257 \"/say \"\"hi\"\"\" ", pwd.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xpwd_and_xcwd_work_like_pwd_and_cwd()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(250, (await client.CommandAsync("XCWD d")).Code);
        Assert.StartsWith("257 \"/d\"", (await client.CommandAsync("XPWD")).Text, StringComparison.Ordinal);
    }
}
