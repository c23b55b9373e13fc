using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>curl as the client: uploads, downloads, listings, resume, explicit and implicit FTPS.</summary>
public sealed class CurlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Curl_uploads_a_file_with_T()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var local = server.ScratchPath("upload.bin");
        await File.WriteAllBytesAsync(local, FtpTestServer.RandomBytes(300_000, seed: 7));

        var result = await server.CurlAsync("-T", local, server.Url("upload.bin"));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(await File.ReadAllBytesAsync(local), await File.ReadAllBytesAsync(server.HomePath("upload.bin")));
    }

    [Fact]
    public async Task Curl_creates_missing_directories_when_uploading_with_ftp_create_dirs()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var local = server.ScratchPath("deep.txt");
        await File.WriteAllTextAsync(local, "deep\n");

        var result = await server.CurlAsync("--ftp-create-dirs", "-T", local, server.Url("a/b/c/deep.txt"));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("deep\n", await File.ReadAllTextAsync(server.HomePath("a/b/c/deep.txt")));
    }

    [Fact]
    public async Task Curl_downloads_a_file_byte_for_byte()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var expected = server.CreateHomeFile("docs/report.bin", 512_345, seed: 3);
        var local = server.ScratchPath("report.bin");

        var result = await server.CurlAsync("-o", local, server.Url("docs/report.bin"));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(expected, await File.ReadAllBytesAsync(local));
    }

    [Fact]
    public async Task Curl_download_is_byte_exact_with_sendfile_on()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Sendfile = true);
        var expected = server.CreateHomeFile("large.bin", 6 * 1024 * 1024 + 17, seed: 11);
        var local = server.ScratchPath("large.bin");

        var result = await server.CurlAsync("-o", local, server.Url("large.bin"));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(expected, await File.ReadAllBytesAsync(local));
    }

    [Fact]
    public async Task Curl_download_is_byte_exact_with_sendfile_off()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Sendfile = false);
        var expected = server.CreateHomeFile("large.bin", 6 * 1024 * 1024 + 17, seed: 12);
        var local = server.ScratchPath("large.bin");

        var result = await server.CurlAsync("-o", local, server.Url("large.bin"));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(expected, await File.ReadAllBytesAsync(local));
    }

    [Fact]
    public async Task Curl_lists_a_directory_given_a_trailing_slash()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("dir/alpha.txt", 10);
        server.CreateHomeFile("dir/beta with space.txt", 20);
        Directory.CreateDirectory(server.HomePath("dir/sub"));

        var result = await server.CurlAsync(server.Url("dir/"));

        Assert.True(result.Succeeded, result.Describe());
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.EndsWith(" alpha.txt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" beta with space.txt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" sub", StringComparison.Ordinal) && l.StartsWith('d'));
        Assert.Contains(lines, l => l.EndsWith(" alpha.txt", StringComparison.Ordinal) && l.StartsWith('-'));
    }

    [Fact]
    public async Task Curl_lists_names_only_with_list_only()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("dir/one.txt", 1);
        server.CreateHomeFile("dir/two.txt", 2);

        var result = await server.CurlAsync("--list-only", server.Url("dir/"));

        Assert.True(result.Succeeded, result.Describe());
        var names = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Split('/')[^1])
            .Order(StringComparer.Ordinal);
        Assert.Equal(["one.txt", "two.txt"], names);
    }

    [Fact]
    public async Task Curl_resumes_a_partial_download_with_C_dash_to_the_exact_bytes()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var expected = server.CreateHomeFile("resume.bin", 1_000_003, seed: 5);
        var local = server.ScratchPath("resume.bin");
        await File.WriteAllBytesAsync(local, expected[..400_000]);

        var result = await server.CurlAsync("-C", "-", "-o", local, server.Url("resume.bin"));

        Assert.True(result.Succeeded, result.Describe());
        var actual = await File.ReadAllBytesAsync(local);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Curl_resumes_a_partial_upload_with_C_dash_to_the_exact_bytes()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var bytes = FtpTestServer.RandomBytes(800_009, seed: 15);
        var local = server.ScratchPath("whole.bin");
        await File.WriteAllBytesAsync(local, bytes);
        await File.WriteAllBytesAsync(server.HomePath("whole.bin"), bytes[..300_000]);

        var result = await server.CurlAsync("-C", "-", "-T", local, server.Url("whole.bin"));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(server.HomePath("whole.bin")));
    }

    [Fact]
    public async Task Curl_appends_to_a_remote_file_with_append()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await File.WriteAllTextAsync(server.HomePath("log.txt"), "first\n");
        var local = server.ScratchPath("more.txt");
        await File.WriteAllTextAsync(local, "second\n");

        var result = await server.CurlAsync("--append", "-T", local, server.Url("log.txt"));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("first\nsecond\n", await File.ReadAllTextAsync(server.HomePath("log.txt")));
    }

    [Fact]
    public async Task Curl_uploads_and_downloads_over_explicit_FTPS_with_ssl_reqd()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        var local = server.ScratchPath("secret.bin");
        var bytes = FtpTestServer.RandomBytes(700_001, seed: 9);
        await File.WriteAllBytesAsync(local, bytes);

        var upload = await server.CurlAsync("--ssl-reqd", "--insecure", "-T", local, server.Url("secret.bin"));
        Assert.True(upload.Succeeded, upload.Describe());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(server.HomePath("secret.bin")));

        var back = server.ScratchPath("secret.back");
        var download = await server.CurlAsync("--ssl-reqd", "--insecure", "-o", back, server.Url("secret.bin"));
        Assert.True(download.Succeeded, download.Describe());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(back));
    }

    [Fact]
    public async Task Curl_uploads_over_explicit_FTPS_when_capped_at_TLS_1_2()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        var local = server.ScratchPath("secret12.bin");
        var bytes = FtpTestServer.RandomBytes(700_001, seed: 10);
        await File.WriteAllBytesAsync(local, bytes);

        var upload = await server.CurlAsync("--ssl-reqd", "--insecure", "--tls-max", "1.2", "-T", local, server.Url("secret12.bin"));

        Assert.True(upload.Succeeded, upload.Describe());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(server.HomePath("secret12.bin")));
    }

    [Fact]
    public async Task Curl_without_TLS_cannot_log_in_when_a_certificate_is_configured()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        server.CreateHomeFile("secret.bin", 1000);

        var result = await server.CurlAsync("-o", server.ScratchPath("x"), server.Url("secret.bin"));

        // 67: curl's "login denied" (USER answered 530 until AUTH TLS), not any other failure.
        Assert.Equal(67, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.False(File.Exists(server.ScratchPath("x")));
    }

    [Fact]
    public async Task Curl_upload_by_a_read_only_user_fails_with_exit_code_25_and_creates_nothing()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Users[0] = s.Users[0] with { Permissions = "elr" });
        var local = server.ScratchPath("refused.txt");
        await File.WriteAllTextAsync(local, "refused\n");

        var result = await server.CurlAsync("-T", local, server.Url("refused.txt"));

        // 25: curl's "upload failed" (STOR answered 550), not a login or connection failure.
        Assert.Equal(25, result.ExitCode);
        Assert.Contains("550", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
    }

    [Fact]
    public async Task Curl_downloads_over_implicit_FTPS()
    {
        await using var server = await FtpTestServer.StartAsync(output, s =>
        {
            s.UseTls = true;
            s.ImplicitTls = true;
        });
        var expected = server.CreateHomeFile("implicit.bin", 333_333, seed: 4);
        var local = server.ScratchPath("implicit.bin");

        var result = await server.CurlAsync("--insecure", "-o", local, server.Url("implicit.bin", scheme: "ftps", port: server.ImplicitPort));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(expected, await File.ReadAllBytesAsync(local));
    }
}
