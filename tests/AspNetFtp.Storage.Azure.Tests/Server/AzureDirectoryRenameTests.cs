using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>
/// RNFR/RNTO of a directory holding nested files, through Python's ftplib: on a profile with
/// <c>AllowDirectoryRename</c> (dave) every blob moves under the new name with the same bytes and nothing stays under
/// the old one; on a profile without it (alice) the client reads the 550 with the reason and nothing moves.
/// </summary>
public sealed class AzureDirectoryRenameTests(AzureFtpServer server) : IClassFixture<AzureFtpServer>, IDisposable
{
    /// <summary>
    /// Makes the directory <c>argv[6]</c> from the local tree <c>argv[5]</c> (MKD each directory, empty ones too; STOR
    /// each file), then renames it to <c>argv[7]</c> and prints the RNTO reply, or the refusal ftplib raised.
    /// </summary>
    private const string UploadThenRename = """
        import ftplib, os, sys
        host, port, user, password, local, source, target = sys.argv[1:8]
        ftp = ftplib.FTP()
        ftp.connect(host, int(port), timeout=30)
        ftp.login(user, password)
        for root, dirs, files in os.walk(local):
            dirs.sort()
            relative = os.path.relpath(root, local)
            remote = source if relative == '.' else source + '/' + relative.replace(os.sep, '/')
            ftp.mkd(remote)
            for name in sorted(files):
                with open(os.path.join(root, name), 'rb') as f:
                    ftp.storbinary('STOR ' + remote + '/' + name, f)
        try:
            print('reply: ' + ftp.rename(source, target))
        except ftplib.error_perm as e:
            print('reply: ' + str(e))
        ftp.quit()
        """;

    private readonly string _local = Path.Combine(Path.GetTempPath(), "azren-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_local))
        {
            Directory.Delete(_local, recursive: true);
        }
    }

    [Fact]
    public async Task With_AllowDirectoryRename_a_nested_directory_moves_every_blob_with_its_bytes_and_the_old_prefix_is_gone()
    {
        Dictionary<string, byte[]> files = WriteTree();

        string reply = await UploadThenRenameAsync("dave", "tree", "moved");

        Assert.StartsWith("reply: 250", reply, StringComparison.Ordinal);
        Assert.Empty(await BlobNamesAsync("dave/tree/"));
        Assert.Equal(
            ["", "empty/", "sub/", "sub/deeper/", "sub/deeper/c.txt", "sub/two-blocks.bin", "top.txt"],
            await BlobNamesAsync("dave/moved/"));
        foreach ((string name, byte[] content) in files)
        {
            Assert.Equal(content, (await Blob("dave/moved/" + name).DownloadContentAsync()).Value.Content.ToArray());
        }
    }

    [Fact]
    public async Task Without_AllowDirectoryRename_the_client_reads_550_with_the_reason_and_nothing_moves()
    {
        WriteTree();

        string reply = await UploadThenRenameAsync("alice", "kept", "renamed");

        Assert.Equal("reply: 550 Renaming a directory is not supported on this storage.", reply.TrimEnd());
        Assert.Empty(await BlobNamesAsync("alice/renamed/"));
        Assert.Equal(
            ["", "empty/", "sub/", "sub/deeper/", "sub/deeper/c.txt", "sub/two-blocks.bin", "top.txt"],
            await BlobNamesAsync("alice/kept/"));
    }

    /// <summary>top.txt, sub/two-blocks.bin (two 1 MiB blocks and a bit), sub/deeper/c.txt and the empty directory empty/.</summary>
    private Dictionary<string, byte[]> WriteTree()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["top.txt"] = "top level"u8.ToArray(),
            ["sub/two-blocks.bin"] = Files.Bytes((2 << 20) + 777, seed: 21),
            ["sub/deeper/c.txt"] = "two levels down"u8.ToArray(),
        };
        Directory.CreateDirectory(Path.Combine(_local, "empty"));
        foreach ((string name, byte[] content) in files)
        {
            string path = Path.Combine(_local, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }

        return files;
    }

    private async Task<string> UploadThenRenameAsync(string user, string source, string target)
    {
        (int exitCode, string output, string error) = await PythonFtp.RunAsync(UploadThenRename,
            "127.0.0.1", server.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), user, UserAccounts.Password, _local, source, target);
        Assert.True(exitCode == 0, $"python3 exited {exitCode}: {error}");
        return output;
    }

    private BlobClient Blob(string name) => server.Store.Container.GetBlobClient(server.Root + name);

    /// <summary>The names of the blobs under the user's <paramref name="inside"/>, relative to it, in order.</summary>
    private async Task<List<string>> BlobNamesAsync(string inside)
    {
        string prefix = server.Root + inside;
        List<string> names = [];
        await foreach (BlobItem item in server.Store.Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(item.Name[prefix.Length..]);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
