using System.Diagnostics;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// A write-only drop box (<c>ew</c>: curl changes into the directory before STOR, so it needs <c>e</c>; no <c>l</c> or
/// <c>r</c>) as curl sees it.
/// </summary>
public sealed class DropBoxCurlTests
{
    // curl's exit codes (man curl): 78 "the resource referenced in the URL does not exist", 19 "FTP couldn't download/access the given file".
    private const int CurlRemoteFileNotFound = 78;
    private const int CurlCouldNotRetrieve = 19;

    [Fact]
    public async Task Curl_uploads_into_a_drop_box_but_can_neither_list_it_nor_download_from_it()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("drop/earlier.txt", "someone else's upload");
        server.Authenticator.AddUser(
            new FtpUser("dropper", server.Home.Path, FtpPermissionLetters.Parse("elr"))
            {
                DirectoryPermissions = [new("/drop", FtpPermissionLetters.Parse("ew"))],
            },
            "pw");
        string local = Path.Combine(server.Home.Path, "..", Path.GetFileName(server.Home.Path) + "-upload.txt");
        await File.WriteAllTextAsync(local, "from curl");
        string url = $"ftp://127.0.0.1:{server.EndPoint.Port}";
        try
        {
            (int upload, _) = await CurlAsync("-T", local, $"{url}/drop/from-curl.txt");
            (int list, string listing) = await CurlAsync($"{url}/drop/");
            (int download, string content) = await CurlAsync($"{url}/drop/earlier.txt");

            Assert.Equal(0, upload);
            Assert.Equal("from curl", await File.ReadAllTextAsync(server.Home["drop/from-curl.txt"]));
            Assert.Equal(CurlCouldNotRetrieve, list);
            Assert.Equal(string.Empty, listing);
            Assert.Equal(CurlRemoteFileNotFound, download);
            Assert.Equal(string.Empty, content);
        }
        finally
        {
            File.Delete(local);
        }
    }

    private static async Task<(int ExitCode, string Output)> CurlAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])["--silent", "--user", "dropper:pw", "--max-time", "30", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        using Process curl = Process.Start(info)!;
        Task<string> output = curl.StandardOutput.ReadToEndAsync();
        Task<string> errors = curl.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RawFtpClient.Timeout);
        try
        {
            await curl.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            curl.Kill(entireProcessTree: true);
            throw new TimeoutException("curl did not finish: " + await errors);
        }

        return (curl.ExitCode, await output);
    }
}
