using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// An upload that cannot happen leaves the disk as it was: REST beyond the end is refused with 554 before
/// any 150, and a data connection that never comes truncates nothing (ARCHITECTURE.md, invariants).
/// </summary>
public sealed class UploadSafetyDialogueTests
{
    [Fact]
    public async Task Rest_beyond_the_end_then_stor_gets_554_and_the_existing_file_keeps_its_exact_bytes()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.bin", "0123");
        DateTime written = File.GetLastWriteTimeUtc(server.Home["f.bin"]);
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();

        Assert.Equal(350, (await client.CommandAsync("REST 5")).Code);
        Assert.Equal(554, (await client.CommandAsync("STOR f.bin")).Code);

        Assert.Equal("0123", File.ReadAllText(server.Home["f.bin"]));
        Assert.Equal(written, File.GetLastWriteTimeUtc(server.Home["f.bin"]));
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Rest_then_stor_of_a_file_that_does_not_exist_gets_554_and_creates_nothing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();

        Assert.Equal(350, (await client.CommandAsync("REST 1")).Code);
        Assert.Equal(554, (await client.CommandAsync("STOR new.bin")).Code);

        Assert.Empty(Directory.GetFileSystemEntries(server.Home.Path));
    }

    [Fact]
    public async Task Rest_is_forgotten_after_a_refused_stor_so_the_next_stor_replaces_the_file_from_the_start()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.bin", "0123");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        Assert.Equal(350, (await client.CommandAsync("REST 9")).Code);
        Assert.Equal(554, (await client.CommandAsync("STOR f.bin")).Code);

        await client.UploadAsync("STOR f.bin", "xy"u8.ToArray());

        Assert.Equal("xy", File.ReadAllText(server.Home["f.bin"]));
    }

    [Fact]
    public async Task Pasv_then_stor_with_no_data_connection_gets_425_after_the_data_timeout_and_truncates_nothing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Data = TimeSpan.FromSeconds(1));
        server.Home.WriteFile("f.bin", "precious bytes");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(227, (await client.CommandAsync("PASV")).Code);

        Assert.Equal(425, (await client.CommandAsync("STOR f.bin")).Code);

        Assert.Equal("precious bytes", File.ReadAllText(server.Home["f.bin"]));
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Port_to_a_closed_port_then_stor_gets_425_and_truncates_nothing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("f.bin", "precious bytes");
        await using RawFtpClient client = await server.LoginAsync();
        // Bound but not listening, and held until the end: a connect to it is refused, and no parallel test's
        // listener can take the port meanwhile.
        using var refusing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int closedPort = ((IPEndPoint)refusing.LocalEndPoint!).Port;

        Assert.Equal(200, (await client.CommandAsync($"PORT 127,0,0,1,{closedPort >> 8},{closedPort & 0xFF}")).Code);
        Assert.Equal(425, (await client.CommandAsync("STOR f.bin")).Code);

        Assert.Equal("precious bytes", File.ReadAllText(server.Home["f.bin"]));
    }

    [Fact]
    public async Task Appe_with_no_data_connection_gets_425_and_changes_nothing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Data = TimeSpan.FromSeconds(1));
        server.Home.WriteFile("f.bin", "precious bytes");
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(227, (await client.CommandAsync("PASV")).Code);

        Assert.Equal(425, (await client.CommandAsync("APPE f.bin")).Code);

        Assert.Equal("precious bytes", File.ReadAllText(server.Home["f.bin"]));
    }
}
