using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>lftp mirrors whole trees both ways, in clear and with TLS on control and data.</summary>
public sealed class LftpTests(ITestOutputHelper output)
{
    private static readonly (string Path, int Length)[] Tree =
    [
        ("plain.txt", 1_000),
        ("empty.txt", 0),
        ("name with spaces.bin", 70_000),
        ("Ünïcödé-日本語.txt", 4_321),
        ("nested/deeper/deepest/file.dat", 200_000),
        ("nested/space dir/é à ç.bin", 12_345),
        ("nested/Ελληνικά/файл.txt", 777),
        ("nested/big.bin", 1_500_000),
    ];

    [Fact]
    public async Task Lftp_mirrors_a_tree_with_UTF8_and_spaced_names_up_and_back_unchanged() =>
        await MirrorRoundTrip(tls: false);

    [Fact]
    public async Task Lftp_mirrors_a_tree_up_and_back_unchanged_with_TLS_forced_on_control_and_data() =>
        await MirrorRoundTrip(tls: true);

    [Fact]
    public async Task Lftp_downloads_over_implicit_FTPS()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.UseTls = true;
            s.ImplicitTls = true;
        });
        var bytes = server.CreateHomeFile("implicit dir/file.bin", 456_789, seed: 77);
        var local = server.ScratchPath("file.bin");

        var result = await ClientRunner.LftpAsync(
            $"set ftp:ssl-protect-data true; open -u {FtpTestServer.UserName},{FtpTestServer.Password} {server.Url(scheme: "ftps", port: server.ImplicitPort)}; " +
            $"get 'implicit dir/file.bin' -o {local}");
        output.WriteLine(result.Describe());

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(local));
    }

    [Fact]
    public async Task Lftp_removes_a_remote_tree_with_rm_r()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("gone/a/b/c.txt", 10);
        server.CreateHomeFile("gone/d.txt", 10);
        server.CreateHomeFile("kept.txt", 10);

        var result = await server.LftpAsync("rm -r gone");

        Assert.True(result.Succeeded, result.Describe());
        Assert.False(Directory.Exists(server.HomePath("gone")));
        Assert.True(File.Exists(server.HomePath("kept.txt")));
    }

    [Fact]
    public async Task Lftp_renames_a_file_with_mv()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var bytes = server.CreateHomeFile("old name.txt", 123);
        Directory.CreateDirectory(server.HomePath("dest"));

        var result = await server.LftpAsync("mv 'old name.txt' 'dest/new näme.txt'");

        Assert.True(result.Succeeded, result.Describe());
        Assert.False(File.Exists(server.HomePath("old name.txt")));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(server.HomePath("dest/new näme.txt")));
    }

    private async Task MirrorRoundTrip(bool tls)
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = tls);
        var source = server.ScratchPath("source");
        var back = server.ScratchPath("back");
        for (var i = 0; i < Tree.Length; i++)
        {
            var path = Path.Combine(source, Tree[i].Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, FtpTestServer.RandomBytes(Tree[i].Length, seed: 100 + i));
        }

        var settings = tls ? "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ftp:ssl-protect-list true" : null;
        var result = await server.LftpAsync($"mirror -R --no-perms {source} /up; mirror --no-perms /up {back}", settings);

        Assert.True(result.Succeeded, result.Describe());
        var expected = FtpTestServer.Hashes(source);
        Assert.Equal(Tree.Length, expected.Count);
        Assert.Equal(expected, FtpTestServer.Hashes(server.HomePath("up")));
        Assert.Equal(expected, FtpTestServer.Hashes(back));
    }
}
