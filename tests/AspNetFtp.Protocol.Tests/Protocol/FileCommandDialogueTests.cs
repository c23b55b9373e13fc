using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>MKD, RMD, DELE, RNFR/RNTO (RFC 959 §4.1.3), SIZE, MDTM (RFC 3659), MFMT, HASH, SITE CHMOD.</summary>
public sealed class FileCommandDialogueTests
{
    [Fact]
    public async Task Mkd_creates_the_directory_and_replies_257_with_its_quoted_path()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("MKD new");

        Assert.Equal(257, reply.Code);
        Assert.StartsWith("257 \"/new\"", reply.Text, StringComparison.Ordinal);
        Assert.True(Directory.Exists(server.Home["new"]));
    }

    [Fact]
    public async Task Mkd_of_an_existing_directory_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("MKD d")).Code);
    }

    [Fact]
    public async Task Mkd_above_the_root_gets_550_and_creates_nothing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("MKD ../escaped")).Code);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(server.Home.Path)!, "escaped")));
    }

    [Fact]
    public async Task Rmd_of_the_root_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("RMD /")).Code);
        Assert.True(Directory.Exists(server.Home.Path));
    }

    [Fact]
    public async Task Rmd_of_an_empty_directory_gets_250()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(250, (await client.CommandAsync("RMD d")).Code);
        Assert.False(Directory.Exists(server.Home["d"]));
    }

    [Fact]
    public async Task Rmd_of_a_non_empty_directory_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("d/f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("RMD d")).Code);
        Assert.True(File.Exists(server.Home["d/f.txt"]));
    }

    [Fact]
    public async Task Dele_of_a_file_gets_250_and_removes_it()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(250, (await client.CommandAsync("DELE f.txt")).Code);
        Assert.False(File.Exists(server.Home["f.txt"]));
    }

    [Fact]
    public async Task Dele_of_a_missing_file_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("DELE missing.txt")).Code);
    }

    [Fact]
    public async Task Dele_of_a_directory_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("DELE d")).Code);
        Assert.True(Directory.Exists(server.Home["d"]));
    }

    [Fact]
    public async Task Rnto_without_rnfr_gets_503()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(503, (await client.CommandAsync("RNTO b.txt")).Code);
    }

    [Fact]
    public async Task Rnfr_then_rnto_renames_with_350_then_250()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("a.txt", "content");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(350, (await client.CommandAsync("RNFR a.txt")).Code);
        Assert.Equal(250, (await client.CommandAsync("RNTO b.txt")).Code);
        Assert.Equal("content", File.ReadAllText(server.Home["b.txt"]));
    }

    [Fact]
    public async Task Rnfr_of_a_missing_file_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("RNFR missing.txt")).Code);
        Assert.Equal(503, (await client.CommandAsync("RNTO b.txt")).Code);
    }

    [Fact]
    public async Task A_command_between_rnfr_and_rnto_cancels_the_rename()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("a.txt", "content");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(350, (await client.CommandAsync("RNFR a.txt")).Code);
        Assert.Equal(257, (await client.CommandAsync("PWD")).Code);
        Assert.Equal(503, (await client.CommandAsync("RNTO b.txt")).Code);
        Assert.True(File.Exists(server.Home["a.txt"]));
    }

    [Fact]
    public async Task Renaming_a_directory_into_itself_gets_553_and_keeps_it()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(350, (await client.CommandAsync("RNFR d")).Code);
        Assert.Equal(553, (await client.CommandAsync("RNTO d/inside")).Code);
        Assert.True(Directory.Exists(server.Home["d"]));
    }

    [Fact]
    public async Task Size_of_a_file_gets_213_with_its_length()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "12345");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("SIZE f.txt");

        Assert.Equal(213, reply.Code);
        Assert.Equal("213 5", reply.Text);
    }

    [Fact]
    public async Task Size_of_a_directory_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("SIZE d")).Code);
    }

    [Fact]
    public async Task Size_of_a_missing_file_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("SIZE missing")).Code);
    }

    [Fact]
    public async Task Mdtm_with_a_time_and_a_path_sets_the_time_and_mdtm_reads_it_back()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(213, (await client.CommandAsync("MDTM 20200102030405 f.txt")).Code);
        FtpReply read = await client.CommandAsync("MDTM f.txt");

        Assert.Equal("213 20200102030405", read.Text);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), File.GetLastWriteTimeUtc(server.Home["f.txt"]));
    }

    [Fact]
    public async Task Mdtm_of_a_missing_file_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("MDTM missing")).Code);
    }

    [Fact]
    public async Task Mdtm_with_a_time_and_a_path_above_the_root_gets_exactly_one_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("MDTM 20200102030405 ../../../x")).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Mdtm_with_a_time_and_a_path_with_a_backslash_gets_exactly_one_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("MDTM 20200102030405 a\\b")).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Mfmt_sets_the_modification_time_with_213()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("MFMT 20211231235958 f.txt");

        Assert.Equal(213, reply.Code);
        Assert.Contains("Modify=20211231235958", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2021, 12, 31, 23, 59, 58, DateTimeKind.Utc), File.GetLastWriteTimeUtc(server.Home["f.txt"]));
    }

    [Theory]
    [InlineData("MFMT 2020 f.txt")]
    [InlineData("MFMT 20201301000000 f.txt")]
    [InlineData("MFMT yesterday f.txt")]
    [InlineData("MFMT 20200101000000")]
    public async Task Mfmt_with_a_bad_time_gets_501(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync(command)).Code);
    }

    [Fact]
    public async Task Hash_with_crc32_selected_gets_213_with_the_checksum()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "123456789");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(200, (await client.CommandAsync("OPTS HASH CRC32")).Code);
        FtpReply reply = await client.CommandAsync("HASH f.txt");

        Assert.Equal("213 CRC32 0-9 cbf43926 /f.txt", reply.Text);
    }

    [Fact]
    public async Task Hash_uses_sha_256_by_default()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "abc");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("HASH f.txt");

        Assert.Equal("213 SHA-256 0-3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad /f.txt", reply.Text);
    }

    [Fact]
    public async Task Opts_hash_with_an_unknown_algorithm_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync("OPTS HASH SHA-3")).Code);
        Assert.Equal("200 SHA-256", (await client.CommandAsync("OPTS HASH")).Text);
    }

    [Fact]
    public async Task Hash_of_a_directory_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.CreateDirectory("d");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("HASH d")).Code);
    }

    [Fact]
    public async Task Site_chmod_sets_the_mode_with_200()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(200, (await client.CommandAsync("SITE CHMOD 640 f.txt")).Code);
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(server.Home["f.txt"]));
    }

    [Fact]
    public async Task Site_chmod_with_a_bad_mode_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(501, (await client.CommandAsync("SITE CHMOD 999 f.txt")).Code);
    }

    [Fact]
    public async Task An_unknown_site_command_gets_500()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(500, (await client.CommandAsync("SITE EXEC /bin/sh")).Code);
    }
}
