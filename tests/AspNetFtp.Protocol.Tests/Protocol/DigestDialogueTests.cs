using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>XCRC, XMD5, XSHA1, XSHA256 (the digest commands clients send besides HASH) and the store's own checksums.</summary>
public sealed class DigestDialogueTests
{
    [Theory]
    [InlineData("XCRC", "cbf43926")]
    [InlineData("XMD5", "25f9e794323b453885f5181f1b624d0b")]
    [InlineData("XSHA1", "f7c3bc1d808e04732adf679965ccc34ca7ae3441")]
    [InlineData("XSHA256", "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225")]
    public async Task A_digest_command_gets_250_with_the_whole_file_digest_in_hexadecimal(string verb, string digest)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.txt", "123456789");
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync(verb + " f.txt");

        Assert.Equal("250 " + digest, reply.Text);
    }

    [Fact]
    public async Task A_digest_command_of_a_missing_file_gets_550()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal("550 No such file.", (await client.CommandAsync("XCRC nothing.txt")).Text);
    }

    [Fact]
    public async Task A_digest_command_needs_the_read_permission()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(AspNetFtp.Protocol.Security.FtpPermissions.List);
        server.Home.WriteFile("f.txt", "123456789");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(550, (await client.CommandAsync("XMD5 f.txt")).Code);
    }

    [Fact]
    public async Task Feat_lists_the_digest_commands()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply feat = await client.CommandAsync("FEAT");

        foreach (string verb in new[] { "XCRC", "XMD5", "XSHA1", "XSHA256" })
        {
            Assert.Contains("\n " + verb + "\n", feat.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hash_answers_with_the_store_checksum_without_reading_the_file_when_the_store_keeps_one()
    {
        using var home = new TempDirectory();
        home.WriteFile("f.txt", "123456789");
        var storage = new ChecksumKeepingFileSystem(home.Path);
        storage.Stored[("/f.txt", FtpChecksumAlgorithm.Md5)] = "00112233445566778899aabbccddeeff";
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: storage);
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(200, (await client.CommandAsync("OPTS HASH MD5")).Code);
        FtpReply reply = await client.CommandAsync("HASH f.txt");

        Assert.Equal("213 MD5 0-9 00112233445566778899aabbccddeeff /f.txt", reply.Text);
        Assert.Equal(0, storage.Reads);
    }

    [Fact]
    public async Task Hash_reads_and_computes_when_the_store_has_no_checksum_in_the_selected_algorithm()
    {
        using var home = new TempDirectory();
        home.WriteFile("f.txt", "123456789");
        var storage = new ChecksumKeepingFileSystem(home.Path);
        storage.Stored[("/f.txt", FtpChecksumAlgorithm.Md5)] = "00112233445566778899aabbccddeeff";
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: storage);
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("XCRC f.txt");

        Assert.Equal("250 cbf43926", reply.Text);
        Assert.Equal(1, storage.Reads);
    }
}
