using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>Writes that try to land outside the home directory, and permission letters.</summary>
public sealed class JailTests(ITestOutputHelper output)
{
    [Fact]
    public async Task STOR_with_dot_dot_segments_never_writes_outside_home()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);

        using (var data = await client.OpenPassiveDataAsync())
        {
            var stor = await client.CommandAsync("STOR ../../escaped.txt");
            if (stor.IsPreliminary)
            {
                await data.GetStream().WriteAsync(Encoding.ASCII.GetBytes("escaped"));
                data.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
                data.Close();
                Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            }
            else
            {
                Assert.Equal(550, stor.Code);
            }
        }

        Assert.False(File.Exists(server.ScratchPath("escaped.txt")), "STOR ../../ wrote next to the home directory");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(server.Scratch)!, "escaped.txt")), "STOR ../../ wrote two levels above home");
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task MKD_with_dot_dot_segments_never_creates_a_directory_outside_home()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var mkd = await client.CommandAsync("MKD ../outside-dir");

        Assert.True(mkd.Code is 257 or 550, mkd.Text);
        Assert.False(Directory.Exists(server.ScratchPath("outside-dir")));
        if (mkd.Code == 257)
        {
            Assert.True(Directory.Exists(server.HomePath("outside-dir")));
        }
    }

    [Fact]
    public async Task RNTO_with_dot_dot_segments_never_moves_a_file_outside_home()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("movable.txt", 42);
        await using var client = await server.ConnectRawAsync(login: true);

        await client.ExpectAsync("RNFR movable.txt", 350);
        var rnto = await client.CommandAsync("RNTO ../../../moved-out.txt");

        Assert.True(rnto.Code is 250 or 550 or 553, rnto.Text);
        Assert.False(File.Exists(server.ScratchPath("moved-out.txt")));
        Assert.True(File.Exists(server.HomePath(rnto.Code == 250 ? "moved-out.txt" : "movable.txt")));
    }

    [Fact]
    public async Task STOR_through_a_symlinked_directory_pointing_outside_home_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var outside = Directory.CreateDirectory(server.ScratchPath("outside")).FullName;
        Directory.CreateSymbolicLink(server.HomePath("out-link"), outside);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);

        using (var data = await client.OpenPassiveDataAsync())
        {
            var stor = await client.CommandAsync("STOR out-link/planted.txt");
            if (stor.IsPreliminary)
            {
                await data.GetStream().WriteAsync(Encoding.ASCII.GetBytes("planted"));
                data.Close();
                await client.TryReadReplyAsync(TimeSpan.FromSeconds(5));
            }

            Assert.Equal(550, stor.Code);
        }

        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public async Task DELE_through_a_symlink_to_a_file_outside_home_leaves_the_target_alone()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var target = server.ScratchPath("precious.txt");
        await File.WriteAllTextAsync(target, "precious");
        var outside = Directory.CreateDirectory(server.ScratchPath("outside")).FullName;
        File.Copy(target, Path.Combine(outside, "precious.txt"));
        Directory.CreateSymbolicLink(server.HomePath("out-link"), outside);
        await using var client = await server.ConnectRawAsync(login: true);

        var dele = await client.CommandAsync("DELE out-link/precious.txt");

        Assert.Equal(550, dele.Code);
        Assert.True(File.Exists(Path.Combine(outside, "precious.txt")));
    }

    [Fact]
    public async Task A_read_only_user_can_list_and_download_but_not_store_delete_rename_or_make_directories()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
            s.Users[0] = s.Users[0] with { Permissions = "elr" });
        var bytes = server.CreateHomeFile("readme.txt", 100);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);

        using (var data = await client.OpenPassiveDataAsync())
        {
            await client.ExpectAsync("RETR readme.txt", 150, 125);
            var (received, _) = await RawFtpClient.ReadToEndAsync(data.GetStream());
            Assert.Equal(bytes, received);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        Assert.Equal(550, (await client.CommandAsync("DELE readme.txt")).Code);
        Assert.Equal(550, (await client.CommandAsync("MKD newdir")).Code);
        var rnfr = await client.CommandAsync("RNFR readme.txt");
        Assert.Equal(550, rnfr.Code);
        using (var data = await client.OpenPassiveDataAsync())
        {
            var stor = await client.CommandAsync("STOR new.txt");
            Assert.Equal(550, stor.Code);
        }

        Assert.Equal(["readme.txt"], Directory.GetFileSystemEntries(server.Home).Select(Path.GetFileName));
    }

    [Fact]
    public async Task MKD_of_a_name_with_a_double_quote_is_reported_with_the_quote_doubled()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var mkd = await client.ExpectAsync("MKD say \"hi\"", 257);

        Assert.StartsWith("257 \"/say \"\"hi\"\"\"", mkd.Text, StringComparison.Ordinal);
        Assert.True(Directory.Exists(server.HomePath("say \"hi\"")));
    }

    [Fact]
    public async Task UTF8_names_round_trip_through_MKD_CWD_and_PWD()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        await client.ExpectAsync("OPTS UTF8 ON", 200, 202);
        await client.ExpectAsync("MKD Ünïcödé 日本語", 257);
        await client.ExpectAsync("CWD Ünïcödé 日本語", 250);
        var pwd = await client.ExpectAsync("PWD", 257);

        Assert.StartsWith("257 \"/Ünïcödé 日本語\"", pwd.Text, StringComparison.Ordinal);
        Assert.True(Directory.Exists(server.HomePath("Ünïcödé 日本語")));
    }
}
