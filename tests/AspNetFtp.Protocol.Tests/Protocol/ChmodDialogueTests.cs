using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Security issue 6: SITE CHMOD sets permission bits (0777) only. A mode with setuid, setgid or sticky bits
/// is a parameter the server does not accept (501); the home's own mode is not the user's to change (550).
/// </summary>
public sealed class ChmodDialogueTests
{
    private static readonly UnixFileMode Initial = (UnixFileMode)0x1A4; // 0644

    [Theory]
    [InlineData("6755")]
    [InlineData("4755")]
    [InlineData("2755")]
    [InlineData("1777")]
    [InlineData("7777")]
    public async Task Site_chmod_with_setuid_setgid_or_sticky_bits_gets_501_and_changes_nothing(string mode)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("tool", "x");
        File.SetUnixFileMode(server.Home["tool"], Initial);
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync($"SITE CHMOD {mode} /tool")).Code);

        Assert.Equal(Initial, File.GetUnixFileMode(server.Home["tool"]));
    }

    [Fact]
    public async Task Site_chmod_of_the_whole_permission_range_0777_gets_200()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("tool", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(200, (await client.CommandAsync("SITE CHMOD 0777 /tool")).Code);

        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(server.Home["tool"]));
    }

    [Theory]
    [InlineData("SITE CHMOD 777 /")]
    [InlineData("SITE CHMOD 700 .")]
    [InlineData("SITE CHMOD 777 /home-alias")]
    [InlineData("SITE CHMOD 777 /d/..")]
    public async Task Site_chmod_of_the_home_itself_gets_550_and_leaves_its_mode(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        Directory.CreateSymbolicLink(server.Home["home-alias"], ".");
        UnixFileMode before = File.GetUnixFileMode(server.Home.Path);
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync(command)).Code);

        Assert.Equal(before, File.GetUnixFileMode(server.Home.Path));
    }
}
