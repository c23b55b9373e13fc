using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// A symbolic link in the home that points outside it: every command through it is refused with 550 and
/// nothing outside is read, changed or created. The outside directory is a temp directory, never a system one.
/// </summary>
public sealed class JailDialogueTests : IDisposable
{
    private static readonly DateTime VictimTime = new(2011, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _outside = new();

    public JailDialogueTests()
    {
        _outside.WriteFile("victim.txt", "intact");
        File.SetUnixFileMode(_outside["victim.txt"], (UnixFileMode)0x1A4);
        File.SetLastWriteTimeUtc(_outside["victim.txt"], VictimTime);
        _outside.CreateDirectory("sub");
    }

    public void Dispose() => _outside.Dispose();

    private void AssertOutsideUntouched()
    {
        Assert.Equal("intact", File.ReadAllText(_outside["victim.txt"]));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(_outside["victim.txt"]));
        Assert.Equal(VictimTime, File.GetLastWriteTimeUtc(_outside["victim.txt"]));
        Assert.True(Directory.Exists(_outside["sub"]));
        Assert.Equal(2, Directory.GetFileSystemEntries(_outside.Path).Length);
    }

    [Theory]
    [InlineData("CWD out")]
    [InlineData("LIST out")]
    [InlineData("NLST out")]
    [InlineData("MLSD out")]
    [InlineData("STAT out")]
    [InlineData("MLST out/victim.txt")]
    [InlineData("SIZE out/victim.txt")]
    [InlineData("MDTM out/victim.txt")]
    [InlineData("HASH out/victim.txt")]
    [InlineData("RETR out/victim.txt")]
    [InlineData("STOR out/victim.txt")]
    [InlineData("APPE out/victim.txt")]
    [InlineData("STOR out/planted.txt")]
    [InlineData("DELE out/victim.txt")]
    [InlineData("RNFR out/victim.txt")]
    [InlineData("MKD out/planted")]
    [InlineData("RMD out/sub")]
    [InlineData("SITE CHMOD 777 out/victim.txt")]
    [InlineData("MFMT 20200101000000 out/victim.txt")]
    [InlineData("MDTM 20200101000000 out/victim.txt")]
    public async Task A_command_through_a_link_leaving_the_home_gets_550_and_touches_nothing_outside(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        Directory.CreateSymbolicLink(server.Home["out"], _outside.Path);
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(227, (await client.CommandAsync("PASV")).Code);

        FtpReply reply = await client.CommandAsync(command);

        Assert.True(reply.Code == 550, $"{command}: expected 550, got {reply}");
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Renaming_a_file_into_a_link_leaving_the_home_gets_550_and_moves_nothing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("mine.txt", "mine");
        Directory.CreateSymbolicLink(server.Home["out"], _outside.Path);
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(350, (await client.CommandAsync("RNFR mine.txt")).Code);
        Assert.Equal(550, (await client.CommandAsync("RNTO out/mine.txt")).Code);

        Assert.True(File.Exists(server.Home["mine.txt"]));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Deleting_the_link_itself_removes_only_the_link()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        File.CreateSymbolicLink(server.Home["link.txt"], _outside["victim.txt"]);
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(250, (await client.CommandAsync("DELE link.txt")).Code);

        Assert.Null(new FileInfo(server.Home["link.txt"]).LinkTarget);
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task A_file_name_with_a_line_break_on_disk_cannot_inject_a_reply_through_stat()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("d/evil\r\n213 End of status.\r\n230 injected", "x");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("STAT d");

        Assert.Equal(213, reply.Code);
        Assert.Equal(3, reply.Lines.Count);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }
}
