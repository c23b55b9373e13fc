using System.Net.Sockets;
using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using AspNetFtp.Testing;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>
/// What real clients do on a storage profile, the same on every back end (local disk, S3, Azure Blob): every user of
/// the suite is on the profile <see cref="StorageBackend.Profile"/>, and what the store holds is checked past the
/// server. A derived class per back end supplies the <see cref="StorageBackend"/>.
/// </summary>
public abstract class StorageBehaviourSuite(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Bob = "bob";
    private const string Carol = "carol";
    private const string OtherPassword = "Other-Passw0rd";

    private StorageBackend? _backend;

    /// <summary>The back end under test, made once per test.</summary>
    protected StorageBackend Backend => _backend ?? throw new InvalidOperationException("Not initialized.");

    protected abstract StorageBackend CreateBackend();

    public async Task InitializeAsync()
    {
        _backend = CreateBackend();
        await _backend.PrepareAsync();
    }

    public async Task DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task Curl_uploads_a_file_of_several_parts_and_downloads_it_unchanged()
    {
        await using FtpTestServer server = await StartAsync();
        byte[] content = FtpTestServer.RandomBytes(13 * 1024 * 1024 + 123, seed: 11);
        string local = server.ScratchPath("up.bin");
        await File.WriteAllBytesAsync(local, content);

        Assert.True((await server.CurlAsync("-T", local, server.Url("dir%20with%20space/up.bin"), "--ftp-create-dirs")).Succeeded);
        ProcessResult download = await server.CurlAsync("-o", server.ScratchPath("down.bin"), server.Url("dir%20with%20space/up.bin"));

        Assert.True(download.Succeeded, download.Describe());
        Assert.Equal(content, await File.ReadAllBytesAsync(server.ScratchPath("down.bin")));
        Assert.Equal(content, await Backend.ReadAsync(FtpTestServer.UserName, "dir with space/up.bin"));
    }

    [Fact]
    public async Task Lftp_mirrors_a_tree_up_and_back_with_equal_checksums()
    {
        await using FtpTestServer server = await StartAsync();
        (string Path, int Length)[] tree =
        [
            ("a.txt", 1_000), ("empty.txt", 0), ("name with spaces.bin", 70_000), ("Ünïcödé-日本語.txt", 4_321),
            ("nested/deeper/file.dat", 200_000), ("nested/big.bin", 6_000_000),
        ];
        string source = server.ScratchPath("source");
        for (int i = 0; i < tree.Length; i++)
        {
            string path = Path.Combine(source, tree[i].Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, FtpTestServer.RandomBytes(tree[i].Length, seed: 200 + i));
        }

        ProcessResult result = await server.LftpAsync($"mirror -R --no-perms {source} /up; mirror --no-perms /up {server.ScratchPath("back")}");

        Assert.True(result.Succeeded, result.Describe());
        SortedDictionary<string, string> expected = FtpTestServer.Hashes(source);
        Assert.Equal(tree.Length, expected.Count);
        Assert.Equal(expected, FtpTestServer.Hashes(server.ScratchPath("back")));
        foreach ((string path, _) in tree)
        {
            byte[]? stored = await Backend.ReadAsync(FtpTestServer.UserName, "up/" + path);
            Assert.True(stored is not null, "not in the store: up/" + path);
            Assert.Equal(expected[path], Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stored)));
        }
    }

    [Fact]
    public async Task Directories_and_files_are_made_renamed_and_removed_as_on_disk()
    {
        await using FtpTestServer server = await StartAsync();
        await using RawFtpClient client = await server.ConnectRawAsync(login: true);

        Assert.Equal(257, (await client.CommandAsync("MKD docs")).Code);
        Assert.Equal(550, (await client.CommandAsync("MKD docs")).Code);
        Assert.Equal(550, (await client.CommandAsync("MKD missing/child")).Code);
        await client.UploadAsync("STOR docs/a.txt", "alpha"u8.ToArray());
        Assert.Equal(350, (await client.CommandAsync("RNFR docs/a.txt")).Code);
        Assert.Equal(250, (await client.CommandAsync("RNTO docs/b.txt")).Code);
        Assert.Equal("550 Directory not empty.", (await client.CommandAsync("RMD docs")).Text);
        Assert.Equal("213 5", (await client.CommandAsync("SIZE docs/b.txt")).Text);
        Assert.Equal(550, (await client.CommandAsync("SIZE docs/a.txt")).Code);
        Assert.Equal(250, (await client.CommandAsync("DELE docs/b.txt")).Code);
        Assert.Equal(550, (await client.CommandAsync("DELE docs/b.txt")).Code);
        Assert.Equal(250, (await client.CommandAsync("RMD docs")).Code);
        Assert.Equal(550, (await client.CommandAsync("CWD docs")).Code);

        Assert.Empty(await Backend.ListEverythingAsync(FtpTestServer.UserName));
    }

    [Fact]
    public async Task A_listing_of_2500_entries_names_every_entry_exactly_once()
    {
        await using FtpTestServer server = await StartAsync();
        const int Count = 2_500;
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await Backend.PutAsync(FtpTestServer.UserName, $"many/f{i:D4}.txt", Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Backend.PutAsync(FtpTestServer.UserName, "many/sub/inner.txt", "x"u8.ToArray());
        await using RawFtpClient client = await server.ConnectRawAsync(login: true);

        string[] names = Encoding.UTF8.GetString(await client.DownloadAsync("NLST many")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] mlsd = Encoding.UTF8.GetString(await client.DownloadAsync("MLSD many")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        string[] expected = [.. Enumerable.Range(0, Count).Select(i => $"f{i:D4}.txt").Append("sub").Order(StringComparer.Ordinal)];
        Assert.Equal(expected, names.Order(StringComparer.Ordinal));
        Assert.Equal(Count + 1, mlsd.Length);
        Assert.Single(mlsd, line => line.StartsWith("type=dir;", StringComparison.Ordinal) && line.EndsWith(" sub", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rest_before_retr_sends_the_file_from_that_offset()
    {
        await using FtpTestServer server = await StartAsync();
        byte[] content = FtpTestServer.RandomBytes(3_000_000, seed: 5);
        await Backend.PutAsync(FtpTestServer.UserName, "r.bin", content);
        await using RawFtpClient client = await server.ConnectRawAsync(login: true);

        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        Assert.Equal(350, (await client.CommandAsync("REST 1234567")).Code);
        byte[] tail = await client.DownloadAsync("RETR r.bin");

        Assert.Equal(content.AsSpan(1_234_567).ToArray(), tail);
    }

    [Fact]
    public async Task Abor_in_the_middle_of_an_upload_leaves_no_object_and_no_parts()
    {
        await using FtpTestServer server = await StartAsync();
        await using RawFtpClient client = await server.ConnectRawAsync(login: true);

        await AbortUploadAsync(client, "aborted.bin");

        Assert.Empty(await Backend.ListEverythingAsync(FtpTestServer.UserName));
        Assert.Equal("200 Type set to I.", (await client.CommandAsync("TYPE I")).Text);
    }

    [Fact]
    public async Task Abor_in_the_middle_of_an_upload_over_a_file_leaves_the_old_content()
    {
        await using FtpTestServer server = await StartAsync();
        await Backend.PutAsync(FtpTestServer.UserName, "kept.bin", "the old content"u8.ToArray());
        await using RawFtpClient client = await server.ConnectRawAsync(login: true);

        await AbortUploadAsync(client, "kept.bin");

        Assert.Equal("the old content"u8.ToArray(), await Backend.ReadAsync(FtpTestServer.UserName, "kept.bin"));
        Assert.Equal("213 15", (await client.CommandAsync("SIZE kept.bin")).Text);
    }

    [Fact]
    public async Task A_client_killed_in_the_middle_of_an_upload_leaves_no_object_and_no_parts()
    {
        await using FtpTestServer server = await StartAsync();
        string local = server.ScratchPath("big.bin");
        await File.WriteAllBytesAsync(local, FtpTestServer.RandomBytes(40 * 1024 * 1024, seed: 3));
        using var kill = new CancellationTokenSource();
        Task<ProcessResult> curl = ClientRunner.CurlAsync(
            ["--user", server.UserOption, "--limit-rate", "4M", "-T", local, server.Url("big.bin")], cancellationToken: kill.Token);

        await WaitForAsync(async () => (await Leftovers()).Count > 0, "the upload to reach the store");
        await kill.CancelAsync();
        ProcessResult killed = await curl;
        output.WriteLine(killed.Describe());

        await WaitForAsync(async () => (await Leftovers()).Count == 0, "the server to abort the upload");
        Assert.Null(await Backend.ReadAsync(FtpTestServer.UserName, "big.bin"));
    }

    [Fact]
    public async Task Permissions_still_hold_on_the_store()
    {
        await using FtpTestServer server = await StartAsync();
        await Backend.PutAsync(Carol, "readme.txt", "read me"u8.ToArray());
        await using RawFtpClient carol = await server.ConnectRawAsync();
        await carol.LoginAsync(Carol, OtherPassword);

        Assert.Equal(200, (await carol.CommandAsync("TYPE I")).Code);
        Assert.Equal("read me"u8.ToArray(), await carol.DownloadAsync("RETR readme.txt"));
        Assert.Equal(550, (await carol.CommandAsync("DELE readme.txt")).Code);
        Assert.Equal(550, (await carol.CommandAsync("MKD new")).Code);
        Assert.Equal(550, (await carol.CommandAsync("STOR new.txt")).Code);
        Assert.Equal(["readme.txt"], await Backend.ListEverythingAsync(Carol));
    }

    [Fact]
    public async Task Two_users_never_see_or_reach_each_others_files()
    {
        await using FtpTestServer server = await StartAsync();
        await using RawFtpClient alice = await server.ConnectRawAsync(login: true);
        await using RawFtpClient bob = await server.ConnectRawAsync();
        await bob.LoginAsync(Bob, OtherPassword);

        await bob.UploadAsync("STOR secret.txt", "bob's"u8.ToArray());

        Assert.Equal("", Encoding.UTF8.GetString(await alice.DownloadAsync("NLST")));
        Assert.Equal(550, (await alice.CommandAsync("SIZE secret.txt")).Code);
        Assert.Equal(550, (await alice.CommandAsync("SIZE ../bob/secret.txt")).Code);
        Assert.Equal(550, (await alice.CommandAsync("CWD ../bob")).Code);
        Assert.Equal(["secret.txt"], await Backend.ListEverythingAsync(Bob));
        Assert.Empty(await Backend.ListEverythingAsync(FtpTestServer.UserName));
    }

    /// <summary>The server with alice, bob and carol (read-only: <c>elr</c>) on the suite's profile.</summary>
    private async Task<FtpTestServer> StartAsync()
    {
        output.WriteLine("storage: " + Backend.Name);
        return await FtpTestServer.StartAsync(output, settings =>
        {
            string scratch = TestRun.NewDirectory("storage");
            Backend.Configure(settings, scratch);
            settings.Users[0] = settings.Users[0] with { StorageProfile = StorageBackend.Profile };
            settings.Users.Add(new FtpTestUser(Bob, OtherPassword, Path.Combine(scratch, "bob-home")) { StorageProfile = StorageBackend.Profile });
            settings.Users.Add(new FtpTestUser(Carol, OtherPassword, Path.Combine(scratch, "carol-home"), "elr") { StorageProfile = StorageBackend.Profile });
        });
    }

    /// <summary>STOR of 12 MiB (several parts), once the store shows the upload under way, ABOR: 426 for the transfer, then 226.</summary>
    private async Task AbortUploadAsync(RawFtpClient client, string name)
    {
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR " + name)).Code);
        await data.SendAsync(FtpTestServer.RandomBytes(12 * 1024 * 1024, seed: 9));
        await WaitForAsync(async () => (await Leftovers()).Count > 0, "the upload to reach the store");

        await client.SendAsync("ABOR");
        Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    /// <summary>What an unfinished upload of alice's left in the store: multipart uploads, uncommitted blocks, temporary files.</summary>
    private async Task<List<string>> Leftovers() =>
        [.. (await Backend.ListEverythingAsync(FtpTestServer.UserName))
            .Where(e => e.StartsWith("upload:", StringComparison.Ordinal) || e.Contains(".aspnetftp-upload-", StringComparison.Ordinal))];

    /// <summary>Generous: the emulators are slow on a loaded two-core machine.</summary>
    private static Task WaitForAsync(Func<Task<bool>> condition, string what) => Eventually.TrueAsync(condition, TimeSpan.FromSeconds(60), what);
}
