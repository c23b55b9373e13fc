using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Commands;

/// <summary>
/// Storage capabilities are enforced by the command table: a verb the storage cannot serve gets 502 naming it
/// and touches nothing, and FEAT (RFC 2389) announces only what the storage can do.
/// </summary>
public sealed class StorageCapabilityDialogueTests
{
    private const FtpFileSystemCapabilities Minimal = FtpFileSystemCapabilities.None;

    private static Task<TestFtpServer> StartAsync(FtpFileSystemCapabilities capabilities) =>
        TestFtpServer.StartAsync(fileSystems: new InstrumentedFileSystemFactory(capabilities));

    [Fact]
    public async Task Feat_leaves_out_mfmt_when_the_storage_cannot_set_modification_times()
    {
        await using TestFtpServer server = await StartAsync(Minimal);
        await using RawFtpClient client = await server.ConnectAsync();

        IReadOnlyList<string> lines = (await client.CommandAsync("FEAT")).Lines;

        Assert.DoesNotContain(" MFMT", lines);
        Assert.Contains(" MDTM", lines);
    }

    [Fact]
    public async Task Feat_offers_mfmt_when_the_storage_can_set_modification_times()
    {
        await using TestFtpServer server = await StartAsync(FtpFileSystemCapabilities.SetModificationTime);
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Contains(" MFMT", (await client.CommandAsync("FEAT")).Lines);
    }

    [Fact]
    public async Task Mfmt_on_a_storage_that_cannot_set_times_gets_502_and_leaves_the_time()
    {
        await using TestFtpServer server = await StartAsync(Minimal);
        string file = server.Home.WriteFile("f.txt", "x");
        DateTime before = File.GetLastWriteTimeUtc(file);
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply reply = await client.CommandAsync("MFMT 20200101000000 f.txt");

        Assert.Equal(502, reply.Code);
        Assert.Contains("MFMT is not supported by this storage", reply.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public async Task Appe_on_a_storage_that_cannot_append_gets_502_before_any_data_connection()
    {
        await using TestFtpServer server = await StartAsync(Minimal);
        server.Home.WriteFile("log.txt", "kept");
        await using RawFtpClient client = await server.LoginAsync();
        using Socket data = await client.OpenPassiveAsync();

        Assert.Equal(502, (await client.CommandAsync("APPE log.txt")).Code);

        Assert.Equal("kept", File.ReadAllText(server.Home["log.txt"]));
    }

    [Fact]
    public async Task Rest_then_stor_on_a_storage_without_resumable_uploads_gets_502_and_truncates_nothing()
    {
        await using TestFtpServer server = await StartAsync(Minimal);
        server.Home.WriteFile("part.bin", "0123456789");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(350, (await client.CommandAsync("REST 5")).Code);
        using Socket data = await client.OpenPassiveAsync();

        FtpReply reply = await client.CommandAsync("STOR part.bin");

        Assert.Equal(502, reply.Code);
        Assert.Contains("REST before STOR is not supported", reply.ToString(), StringComparison.Ordinal);
        Assert.Equal("0123456789", File.ReadAllText(server.Home["part.bin"]));
    }

    [Fact]
    public async Task Rnfr_on_a_storage_that_cannot_rename_gets_502()
    {
        await using TestFtpServer server = await StartAsync(Minimal);
        server.Home.WriteFile("a.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(502, (await client.CommandAsync("RNFR a.txt")).Code);
    }

    [Fact]
    public async Task Site_chmod_on_a_storage_without_modes_gets_502()
    {
        await using TestFtpServer server = await StartAsync(Minimal);
        server.Home.WriteFile("a.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(502, (await client.CommandAsync("SITE CHMOD 600 a.txt")).Code);
    }
}
