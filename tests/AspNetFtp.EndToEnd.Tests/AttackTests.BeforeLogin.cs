using AspNetFtp.EndToEnd.Tests.Infrastructure;
namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 10's attack suite, commands before login: every command that touches files or data connections gets 530
/// before USER/PASS succeeded, and nothing is read, written or listed.
/// </summary>
public sealed partial class AttackTests
{
    [Theory]
    [InlineData("RETR secret.txt")]
    [InlineData("STOR planted.txt")]
    [InlineData("APPE secret.txt")]
    [InlineData("DELE secret.txt")]
    [InlineData("MKD planted")]
    [InlineData("RMD sub")]
    [InlineData("RNFR secret.txt")]
    [InlineData("CWD sub")]
    [InlineData("LIST")]
    [InlineData("NLST")]
    [InlineData("MLSD")]
    [InlineData("MLST secret.txt")]
    [InlineData("SIZE secret.txt")]
    [InlineData("MDTM secret.txt")]
    [InlineData("PASV")]
    [InlineData("EPSV")]
    [InlineData("PORT 127,0,0,1,39,16")]
    [InlineData("SITE CHMOD 777 secret.txt")]
    [InlineData("STAT secret.txt")]
    public async Task A_file_or_data_command_before_login_gets_530_and_touches_nothing(string command)
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("secret.txt", 100);
        Directory.CreateDirectory(server.HomePath("sub"));
        await using var client = await server.ConnectRawAsync();

        var reply = await client.CommandAsync(command);

        Assert.Equal(530, reply.Code);
        Assert.Equal(["secret.txt", "sub"], Directory.GetFileSystemEntries(server.Home).Select(Path.GetFileName).Order());
        Assert.Equal(100, new FileInfo(server.HomePath("secret.txt")).Length);
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task PASS_without_USER_gets_503_and_does_not_log_in()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync();

        var pass = await client.CommandAsync("PASS " + FtpTestServer.Password);
        var list = await client.CommandAsync("LIST");

        Assert.Equal(503, pass.Code);
        Assert.Equal(530, list.Code);
    }
}
