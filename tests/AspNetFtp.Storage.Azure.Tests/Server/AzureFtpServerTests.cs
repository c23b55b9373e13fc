using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>Real FTP clients (curl, a scripted client) against the server with users on Azure Blob storage.</summary>
public sealed class AzureFtpServerTests(AzureFtpServer server) : IClassFixture<AzureFtpServer>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _local = Path.Combine(Path.GetTempPath(), "azftp-" + Guid.NewGuid().ToString("N"));

    private string Url(string name) => $"ftp://127.0.0.1:{server.EndPoint.Port}/{name}";

    private BlobClient Blob(string user, string name) => server.Store.Container.GetBlobClient(server.Root + user + "/" + name);

    public void Dispose()
    {
        if (Directory.Exists(_local))
        {
            Directory.Delete(_local, recursive: true);
        }
    }

    [Fact]
    public async Task Curl_stores_a_multi_block_file_and_retrieves_the_same_bytes()
    {
        Directory.CreateDirectory(_local);
        byte[] content = Files.Bytes((3 << 20) + 4321);
        string upload = Path.Combine(_local, "up.bin");
        string download = Path.Combine(_local, "down.bin");
        await File.WriteAllBytesAsync(upload, content);

        (int stored, string storeError) = await Curl.RunAsync("-u", "alice:" + UserAccounts.Password, "-T", upload, Url("curl.bin"));
        (int retrieved, string retrieveError) = await Curl.RunAsync("-u", "alice:" + UserAccounts.Password, "-o", download, Url("curl.bin"));

        Assert.True(stored == 0, storeError);
        Assert.True(retrieved == 0, retrieveError);
        Assert.Equal(content, await File.ReadAllBytesAsync(download));
        Assert.True((await Blob("alice", "curl.bin").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Rest_before_retr_sends_the_file_from_the_offset()
    {
        await using RawFtpClient client = await server.LoginAsync("alice");
        byte[] content = Files.Bytes(200_000, seed: 3);
        await client.UploadAsync("STOR rest.bin", content);

        await client.ExpectAsync("REST 1000", 350);
        byte[] tail = await client.DownloadAsync("RETR rest.bin");

        Assert.Equal(content[1000..], tail);
    }

    [Fact]
    public async Task Abor_mid_upload_leaves_no_blob()
    {
        await using RawFtpClient client = await server.LoginAsync("alice");
        using (Socket data = await client.OpenPassiveAsync())
        {
            Assert.Equal(150, (await client.CommandAsync("STOR aborted.bin")).Code);
            await data.SendAsync(Files.Bytes((2 << 20) + 17), SocketFlags.None);

            await client.SendAsync("ABOR");
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        // The 226 came after the upload was settled (aborted), whatever the server had read of the bytes by then.
        Assert.False((await Blob("alice", "aborted.bin").ExistsAsync()).Value);
        await client.ExpectAsync("SIZE aborted.bin", 550);
    }

    [Fact]
    public async Task A_client_killed_mid_upload_leaves_no_blob()
    {
        int disconnectedBefore = server.Events.Count<ClientDisconnected>();
        using Process curl = Process.Start(Curl.Start("-u", "alice:" + UserAccounts.Password, "-T", "-", Url("killed.bin")))!;
        try
        {
            await curl.StandardInput.BaseStream.WriteAsync(Files.Bytes((2 << 20) + 5));
            await curl.StandardInput.BaseStream.FlushAsync();
            await StagedBlocksAsync(Blob("alice", "killed.bin"));
        }
        finally
        {
            curl.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(Wait);
            await curl.WaitForExitAsync(cts.Token);
        }

        // The session ends only after its transfer was settled.
        await server.Events.WaitForMoreAsync<ClientDisconnected>(disconnectedBefore, Wait);
        Assert.False((await Blob("alice", "killed.bin").ExistsAsync()).Value);
    }

    /// <summary>Waits (bounded) until the server has staged a block of <paramref name="blob"/>: the upload is under way.</summary>
    private async Task StagedBlocksAsync(BlobClient blob)
    {
        BlockBlobClient blocks = server.Store.Container.GetBlockBlobClient(blob.Name);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Wait)
        {
            try
            {
                if ((await blocks.GetBlockListAsync(BlockListTypes.Uncommitted)).Value.UncommittedBlocks.Any())
                {
                    return;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Nothing staged yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No block of {blob.Name} was staged within {Wait}.");
    }

    [Fact]
    public async Task Nlst_of_a_directory_of_2500_entries_names_each_exactly_once()
    {
        BlobContainerClient container = server.Store.Container;
        string inside = server.Root + "alice/many/";
        await Parallel.ForEachAsync(Enumerable.Range(0, 2500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await container.GetBlobClient($"{inside}n{i:D4}").UploadAsync(BinaryData.Empty, overwrite: true, ct));
        await using RawFtpClient client = await server.LoginAsync("alice");

        string[] names = Encoding.UTF8.GetString(await client.DownloadAsync("NLST many")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2500, names.Length);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => $"n{i:D4}"), names.Select(n => n[(n.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_store_that_is_down_gives_451_and_the_session_still_answers()
    {
        await using RawFtpClient client = await server.LoginAsync("carol");

        await client.ExpectAsync("SIZE file.bin", 451);
        await client.ExpectAsync("NOOP", 200);
        await client.ExpectAsync("MKD dir", 451);
        await client.ExpectAsync("PWD", 257);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    public async Task A_user_name_that_could_leave_the_per_user_prefix_cannot_log_in(string user)
    {
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);

        Assert.Equal(530, (await client.AttemptLoginAsync(user, UserAccounts.Password)).Code);
    }

    [Fact]
    public async Task Two_users_never_see_each_others_files()
    {
        await using RawFtpClient alice = await server.LoginAsync("alice");
        await alice.UploadAsync("STOR private.txt", Encoding.ASCII.GetBytes("alice only"));
        await using RawFtpClient bob = await server.LoginAsync("bob");

        await bob.ExpectAsync("SIZE private.txt", 550);
        await bob.ExpectAsync("SIZE ../alice/private.txt", 550);
        Assert.DoesNotContain("private.txt", Encoding.UTF8.GetString(await bob.DownloadAsync("NLST")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mfmt_and_site_chmod_get_502()
    {
        await using RawFtpClient client = await server.LoginAsync("alice");
        await client.UploadAsync("STOR meta.txt", [1]);

        await client.ExpectAsync("MFMT 20200101000000 meta.txt", 502);
        await client.ExpectAsync("SITE CHMOD 644 meta.txt", 502);
    }

    [Fact]
    public async Task Appe_and_rest_stor_continue_a_file_on_the_store()
    {
        await using RawFtpClient client = await server.LoginAsync("alice");
        await client.UploadAsync("STOR grow.txt", Encoding.ASCII.GetBytes("hello "));
        await client.UploadAsync("APPE grow.txt", Encoding.ASCII.GetBytes("world"));
        await client.ExpectAsync("REST 6", 350);
        await client.UploadAsync("STOR grow.txt", Encoding.ASCII.GetBytes("there"));

        Assert.Equal("hello there", Encoding.ASCII.GetString(await client.DownloadAsync("RETR grow.txt")));
    }
}
