using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>Writes that try to land outside the home directory, and permission letters.</summary>
public sealed class JailTests(ITestOutputHelper output)
{
    [Fact]
    public async Task STOR_with_dot_dot_segments_onto_an_existing_file_just_outside_home_is_refused_and_leaves_it_intact()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var outside = server.ScratchPath("escaped.txt");
        await File.WriteAllTextAsync(outside, "original");
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);

        using (var data = await client.OpenPassiveDataAsync())
        {
            var stor = await client.CommandAsync("STOR ../escaped.txt");

            Assert.Equal(550, stor.Code);
        }

        Assert.Equal("original", await File.ReadAllTextAsync(outside));
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task MKD_with_dot_dot_segments_is_refused_and_creates_no_directory_anywhere()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var mkd = await client.CommandAsync("MKD ../outside-dir");

        Assert.Equal(550, mkd.Code);
        Assert.False(Directory.Exists(server.ScratchPath("outside-dir")));
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
    }

    [Fact]
    public async Task RNTO_with_dot_dot_segments_is_refused_and_the_file_stays_in_place()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var bytes = server.CreateHomeFile("movable.txt", 42);
        await using var client = await server.ConnectRawAsync(login: true);

        await client.ExpectAsync("RNFR movable.txt", 350);
        var rnto = await client.CommandAsync("RNTO ../moved-out.txt");

        Assert.Equal(550, rnto.Code);
        Assert.False(File.Exists(server.ScratchPath("moved-out.txt")));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(server.HomePath("movable.txt")));
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
            await client.ExpectAsync("RETR readme.txt", 150);
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

        await client.ExpectAsync("OPTS UTF8 ON", 200);
        await client.ExpectAsync("MKD Ünïcödé 日本語", 257);
        await client.ExpectAsync("CWD Ünïcödé 日本語", 250);
        var pwd = await client.ExpectAsync("PWD", 257);

        Assert.StartsWith("257 \"/Ünïcödé 日本語\"", pwd.Text, StringComparison.Ordinal);
        Assert.True(Directory.Exists(server.HomePath("Ünïcödé 日本語")));
    }
}
