using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>Each permission letter guards its commands with 550, before anything is touched.</summary>
public sealed class PermissionDialogueTests
{
    private static async Task<(TestFtpServer Server, RawFtpClient Client)> LoginWithoutAsync(char letter)
    {
        FtpPermissions without = FtpPermissions.All & ~FtpPermissionLetters.FromLetter(letter)!.Value;
        TestFtpServer server = await TestFtpServer.StartAsync(without);
        server.Home.WriteFile("f.txt", "content");
        server.Home.CreateDirectory("d");
        return (server, await server.LoginAsync());
    }

    [Fact]
    public async Task A_user_without_w_gets_550_on_stor_and_nothing_is_written()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('w');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("STOR new.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("STOU")).Code);
            Assert.False(File.Exists(server.Home["new.txt"]));
        }
    }

    [Fact]
    public async Task A_user_without_d_gets_550_on_dele_and_rmd()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('d');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("DELE f.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("RMD d")).Code);
            Assert.True(File.Exists(server.Home["f.txt"]));
            Assert.True(Directory.Exists(server.Home["d"]));
        }
    }

    [Fact]
    public async Task A_user_without_capital_m_gets_550_on_site_chmod()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('M');
        await using (server)
        await using (client)
        {
            UnixFileMode before = File.GetUnixFileMode(server.Home["f.txt"]);

            Assert.Equal(550, (await client.CommandAsync("SITE CHMOD 777 f.txt")).Code);
            Assert.Equal(before, File.GetUnixFileMode(server.Home["f.txt"]));
        }
    }

    [Fact]
    public async Task A_user_without_capital_t_gets_550_on_mfmt()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('T');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("MFMT 20000101000000 f.txt")).Code);
            Assert.NotEqual(2000, File.GetLastWriteTimeUtc(server.Home["f.txt"]).Year);
        }
    }

    [Fact]
    public async Task A_user_without_capital_t_gets_550_on_two_argument_mdtm()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('T');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("MDTM 20000101000000 f.txt")).Code);
            Assert.NotEqual(2000, File.GetLastWriteTimeUtc(server.Home["f.txt"]).Year);
        }
    }

    [Fact]
    public async Task A_user_without_e_gets_550_on_cwd_and_cdup()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('e');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("CWD d")).Code);
            Assert.Equal(550, (await client.CommandAsync("CDUP")).Code);
        }
    }

    [Theory]
    [InlineData("LIST")]
    [InlineData("NLST")]
    [InlineData("MLSD")]
    [InlineData("MLST f.txt")]
    [InlineData("SIZE f.txt")]
    [InlineData("MDTM f.txt")]
    [InlineData("STAT f.txt")]
    public async Task A_user_without_l_gets_550_on_listing_commands(string command)
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('l');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync(command)).Code);
        }
    }

    [Fact]
    public async Task A_user_without_r_gets_550_on_retr_and_hash()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('r');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("RETR f.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("HASH f.txt")).Code);
        }
    }

    [Fact]
    public async Task A_user_without_m_gets_550_on_mkd()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('m');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("MKD new")).Code);
            Assert.False(Directory.Exists(server.Home["new"]));
        }
    }

    [Fact]
    public async Task A_user_without_f_gets_550_on_rnfr()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('f');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("RNFR f.txt")).Code);
        }
    }

    [Fact]
    public async Task A_user_without_a_gets_550_on_appe()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginWithoutAsync('a');
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("APPE f.txt")).Code);
            Assert.Equal("content", File.ReadAllText(server.Home["f.txt"]));
        }
    }

    [Fact]
    public async Task The_mlst_perm_fact_shows_only_what_the_user_may_do()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(FtpPermissionLetters.Parse("elr"));
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("MLST f.txt");

        Assert.Equal(250, reply.Code);
        Assert.Contains(";perm=r;", reply.Text, StringComparison.Ordinal);
    }
}
