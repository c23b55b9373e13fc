using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Directory rules (<see cref="FtpUser.DirectoryPermissions"/>) for every command family: a read-only
/// <c>/incoming/archive</c>, a write-only drop box <c>/drop</c>, a closed <c>/in</c> beside an open <c>/inbox</c>,
/// for a user who holds every letter elsewhere.
/// </summary>
public sealed class DirectoryPermissionDialogueTests
{
    private static async Task<(TestFtpServer Server, RawFtpClient Client)> LoginAsync()
    {
        TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("incoming/x.txt", "x");
        server.Home.WriteFile("incoming/archive/a.txt", "archived");
        server.Home.CreateDirectory("incoming/archive/sub");
        server.Home.WriteFile("drop/secret.txt", "dropped");
        server.Home.WriteFile("in/f.txt", "closed");
        server.Home.WriteFile("inbox/f.txt", "open");
        server.Home.CreateDirectory("locked/open");
        server.Authenticator.AddUser(
            new FtpUser(TestAuthenticator.UserName, server.Home.Path, FtpPermissions.All)
            {
                DirectoryPermissions =
                [
                    new("/incoming/archive", FtpPermissionLetters.Parse("elr")),
                    new("/drop", FtpPermissionLetters.Parse("w")),
                    new("/in", FtpPermissions.None),
                    new("/locked", FtpPermissions.None),
                    new("/locked/open", FtpPermissionLetters.Parse("el")),
                ],
            },
            TestAuthenticator.Password);
        return (server, await server.LoginAsync());
    }

    [Theory]
    [InlineData("LIST /drop")]
    [InlineData("NLST /drop")]
    [InlineData("MLSD /drop")]
    [InlineData("MLST /drop/secret.txt")]
    [InlineData("STAT /drop")]
    [InlineData("SIZE /drop/secret.txt")]
    [InlineData("MDTM /drop/secret.txt")]
    public async Task Listing_commands_in_a_write_only_drop_box_get_550(string command)
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            FtpReply reply = await client.CommandAsync(command);

            Assert.Equal(550, reply.Code);
            Assert.Equal("550 Permission denied.", reply.Text);
        }
    }

    [Fact]
    public async Task A_missing_name_in_the_drop_box_gets_the_same_550_as_an_existing_one()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            Assert.Equal("550 Permission denied.", (await client.CommandAsync("SIZE /drop/missing.txt")).Text);
            Assert.Equal("550 Permission denied.", (await client.CommandAsync("SIZE /drop/secret.txt")).Text);
        }
    }

    [Fact]
    public async Task Retr_and_hash_in_the_drop_box_get_550_while_the_archive_downloads()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("RETR /drop/secret.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("HASH /drop/secret.txt")).Code);
            Assert.Equal("archived", Encoding.UTF8.GetString(await client.DownloadAsync("RETR /incoming/archive/a.txt")));
        }
    }

    [Fact]
    public async Task Stor_into_the_drop_box_works_and_stor_appe_stou_into_the_archive_get_550()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            await client.UploadAsync("STOR /drop/new.txt", Encoding.UTF8.GetBytes("uploaded"));

            Assert.Equal(550, (await client.CommandAsync("STOR /incoming/archive/new.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("APPE /incoming/archive/a.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("APPE /drop/new.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("STOU /incoming/archive")).Code);
            Assert.Equal("uploaded", File.ReadAllText(server.Home["drop/new.txt"]));
            Assert.False(File.Exists(server.Home["incoming/archive/new.txt"]));
            Assert.Equal("archived", File.ReadAllText(server.Home["incoming/archive/a.txt"]));
        }
    }

    [Fact]
    public async Task Stou_in_the_drop_box_creates_a_file_there()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            await client.UploadAsync("STOU /drop/report", Encoding.UTF8.GetBytes("unique"));

            Assert.Equal("unique", File.ReadAllText(server.Home["drop/report"]));
        }
    }

    [Fact]
    public async Task Dele_rmd_and_mkd_in_the_read_only_archive_get_550_and_change_nothing()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("DELE /incoming/archive/a.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("RMD /incoming/archive/sub")).Code);
            Assert.Equal(550, (await client.CommandAsync("RMD /incoming/archive")).Code);
            Assert.Equal(550, (await client.CommandAsync("MKD /incoming/archive/new")).Code);
            Assert.Equal(257, (await client.CommandAsync("MKD /incoming/new")).Code);
            Assert.True(File.Exists(server.Home["incoming/archive/a.txt"]));
            Assert.True(Directory.Exists(server.Home["incoming/archive/sub"]));
            Assert.False(Directory.Exists(server.Home["incoming/archive/new"]));
        }
    }

    [Fact]
    public async Task Rename_out_of_or_into_the_archive_gets_550_on_the_side_the_rule_covers()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("RNFR /incoming/archive/a.txt")).Code);
            Assert.Equal(350, (await client.CommandAsync("RNFR /incoming/x.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("RNTO /incoming/archive/x.txt")).Code);
            Assert.True(File.Exists(server.Home["incoming/x.txt"]));
            Assert.False(File.Exists(server.Home["incoming/archive/x.txt"]));
        }
    }

    [Fact]
    public async Task Renaming_a_directory_that_holds_a_rule_gets_550_so_the_rule_cannot_be_moved_away()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("RNFR /incoming")).Code);
            Assert.True(Directory.Exists(server.Home["incoming/archive"]));
        }
    }

    [Fact]
    public async Task Site_chmod_mfmt_and_two_argument_mdtm_in_the_archive_get_550()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            UnixFileMode mode = File.GetUnixFileMode(server.Home["incoming/archive/a.txt"]);

            Assert.Equal(550, (await client.CommandAsync("SITE CHMOD 777 /incoming/archive/a.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("MFMT 20000101000000 /incoming/archive/a.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("MDTM 20000101000000 /incoming/archive/a.txt")).Code);
            Assert.Equal(213, (await client.CommandAsync("MFMT 20000101000000 /incoming/x.txt")).Code);
            Assert.Equal(mode, File.GetUnixFileMode(server.Home["incoming/archive/a.txt"]));
            Assert.NotEqual(2000, File.GetLastWriteTimeUtc(server.Home["incoming/archive/a.txt"]).Year);
        }
    }

    [Fact]
    public async Task Cwd_into_the_drop_box_gets_550_and_cdup_into_a_closed_parent_gets_550()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("CWD /drop")).Code);
            Assert.Equal(250, (await client.CommandAsync("CWD /locked/open")).Code);
            Assert.Equal(550, (await client.CommandAsync("CDUP")).Code);
            Assert.Equal("257 \"/locked/open\" is the current directory.", (await client.CommandAsync("PWD")).Text);
        }
    }

    [Fact]
    public async Task A_rule_on_in_covers_in_and_below_but_not_inbox()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            Assert.Equal(550, (await client.CommandAsync("RETR /in/f.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("CWD /in")).Code);
            Assert.Equal("open", Encoding.UTF8.GetString(await client.DownloadAsync("RETR /inbox/f.txt")));
        }
    }

    [Fact]
    public async Task Mlst_and_mlsd_show_the_letters_of_the_rule_that_covers_each_entry()
    {
        (TestFtpServer server, RawFtpClient client) = await LoginAsync();
        await using (server)
        await using (client)
        {
            FtpReply mlst = await client.CommandAsync("MLST /incoming/archive/a.txt");
            string listing = Encoding.UTF8.GetString(await client.DownloadAsync("MLSD /incoming"));

            Assert.Contains("perm=r;", mlst.Text, StringComparison.Ordinal);
            Assert.Contains("perm=el;", listing.Split("\r\n").Single(l => l.EndsWith(" archive", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Contains("perm=adfrw;", listing.Split("\r\n").Single(l => l.EndsWith(" x.txt", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }
}
