using AspNetFtp.EndToEnd.Tests.Infrastructure;
using System.Text;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 10's attack suite, traversal in every form a client can spell: each spelling asks for the file just outside
/// the home (or /etc/passwd) and gets 550 with no data connection used, and the session goes on. FTP paths are never
/// URL-decoded, so <c>%2e%2e</c> is a name like any other; backslashes and look-alike dots are names too.
/// </summary>
public sealed partial class AttackTests
{
    [Theory]
    [InlineData("RETR %2e%2e/outside.txt")]
    [InlineData("RETR %2e%2e%2foutside.txt")]
    [InlineData("RETR ..%2foutside.txt")]
    [InlineData("RETR ..\\outside.txt")]
    [InlineData("RETR \\..\\outside.txt")]
    [InlineData("RETR ./../outside.txt")]
    [InlineData("RETR sub/../../outside.txt")]
    [InlineData("RETR /./../outside.txt")]
    [InlineData("RETR ....//outside.txt")]
    [InlineData("RETR \u2025/outside.txt")]
    [InlineData("RETR \uFF0E\uFF0E\uFF0Foutside.txt")]
    [InlineData("RETR .\u200B./outside.txt")]
    [InlineData("RETR ..\u2215outside.txt")]
    public async Task Traversal_in_any_spelling_cannot_read_the_file_beside_the_home(string command)
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await File.WriteAllTextAsync(server.ScratchPath("outside.txt"), "beside the home");
        Directory.CreateDirectory(server.HomePath("sub"));
        await using var client = await server.ConnectRawAsync(login: true);

        await AssertNoFileContents(client, command);
    }

    [Fact]
    public async Task A_path_of_thousands_of_dot_dot_segments_within_one_line_gets_550_and_the_session_goes_on()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        await AssertNoFileContents(client, "RETR " + string.Concat(Enumerable.Repeat("../", 2500)) + "etc/passwd");
    }

    [Fact]
    public async Task A_path_longer_than_4096_characters_gets_550_and_creates_nothing()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var reply = await client.CommandAsync("MKD " + string.Join('/', Enumerable.Repeat(new string('d', 200), 25)));

        Assert.Equal(550, reply.Code);
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task A_name_longer_than_255_bytes_gets_550_and_creates_nothing()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var reply = await client.CommandAsync("MKD " + new string('n', 300));

        Assert.Equal(550, reply.Code);
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
    }

    [Fact]
    public async Task STOR_with_dot_dot_cannot_write_beside_the_home()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);

        using var data = await client.OpenPassiveDataAsync();
        var reply = await client.CommandAsync("STOR ../planted.txt");

        Assert.Equal(550, reply.Code);
        Assert.False(File.Exists(server.ScratchPath("planted.txt")));
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task A_NUL_inside_a_RETR_path_gets_501_and_reads_nothing()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("a.txt", 10);
        await using var client = await server.ConnectRawAsync(login: true);

        await client.SendRawAsync(Encoding.ASCII.GetBytes("RETR a.txt\0../../etc/passwd\r\n"));
        var reply = await client.ReadReplyAsync();

        Assert.Equal(501, reply.Code);
        await client.ExpectAsync("NOOP", 200);
    }
}
