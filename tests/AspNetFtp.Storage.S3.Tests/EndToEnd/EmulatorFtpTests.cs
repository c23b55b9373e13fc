using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Storage.S3.Tests.Behaviour;
using AspNetFtp.Storage.S3.Tests.Emulator;

namespace AspNetFtp.Storage.S3.Tests.EndToEnd;

/// <summary>Real FTP clients (curl, a raw client) against the server with users on the S3 emulator.</summary>
public sealed class EmulatorFtpTests : IAsyncLifetime
{
    private const int MiB = 1 << 20;
    private readonly string _root = "e2e-" + Guid.NewGuid().ToString("N")[..12] + "/";
    private readonly AmazonS3Client _client = S3Emulator.CreateClient();
    private S3FtpHost _host = null!;

    public async Task InitializeAsync()
    {
        Dictionary<string, string?> down = S3Emulator.ProfileSettings(_root + "down");
        down["Endpoint"] = $"http://127.0.0.1:{UnusedPort.Take()}";
        down["MaxRetries"] = "0";
        down["Optional"] = "true";
        _host = await S3FtpHost.StartAsync(
            new()
            {
                ["s3"] = S3Emulator.ProfileSettings(_root + "{username}"),
                ["down"] = down,
            },
            new() { ["alice"] = "s3", ["bob"] = "s3", [".."] = "s3", ["a/b"] = "s3", ["carol"] = "down" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task A_file_stored_with_curl_is_retrieved_with_curl_byte_for_byte()
    {
        string upload = Path.GetTempFileName();
        string download = Path.GetTempFileName();
        try
        {
            byte[] data = Bytes(7 * MiB + 3, 1);
            await File.WriteAllBytesAsync(upload, data);

            await CurlProcess.RunAsync("-T", upload, CurlProcess.Url(_host.EndPoint, "alice", "/f.bin"));
            await CurlProcess.RunAsync("-o", download, CurlProcess.Url(_host.EndPoint, "alice", "/f.bin"));

            Assert.Equal(data, await File.ReadAllBytesAsync(download));
            Assert.Equal(data, await GetAsync("alice/f.bin"));
        }
        finally
        {
            File.Delete(upload);
            File.Delete(download);
        }
    }

    [Fact]
    public async Task Abor_mid_upload_leaves_no_object()
    {
        await using RawFtpClient client = await _host.LoginAsync("alice");
        using (Socket data = await client.OpenPassiveAsync())
        {
            Assert.Equal(150, (await client.CommandAsync("STOR aborted.bin")).Code);
            await data.SendAsync(Bytes(11 * MiB, 2), SocketFlags.None);
            await client.SendAsync("ABOR");
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        Assert.Null(await GetAsync("alice/aborted.bin"));
        Assert.Equal(550, (await client.CommandAsync("SIZE aborted.bin")).Code);
    }

    [StoreFact(Needs = StoreFeature.ListMultipartUploads)]
    public async Task Abor_mid_upload_leaves_no_multipart_upload_on_the_store()
    {
        await using (RawFtpClient client = await _host.LoginAsync("alice"))
        {
            using Socket data = await client.OpenPassiveAsync();
            Assert.Equal(150, (await client.CommandAsync("STOR aborted.bin")).Code);
            await data.SendAsync(Bytes(11 * MiB, 2), SocketFlags.None);
            await client.SendAsync("ABOR");
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        ListMultipartUploadsResponse open = await _client.ListMultipartUploadsAsync(
            new ListMultipartUploadsRequest { BucketName = S3Emulator.Bucket, Prefix = _root });
        Assert.Empty(open.MultipartUploads ?? []);
    }

    [Fact]
    public async Task A_curl_killed_mid_upload_leaves_no_object()
    {
        using (Process curl = CurlProcess.Start("-T", "-", CurlProcess.Url(_host.EndPoint, "alice", "/killed.bin")))
        {
            // The pipe holds 64 KiB: once these writes return, curl has read (and sent) nearly all of them.
            byte[] chunk = Bytes(MiB, 3);
            for (int i = 0; i < 12; i++)
            {
                await curl.StandardInput.BaseStream.WriteAsync(chunk);
            }

            await curl.StandardInput.BaseStream.FlushAsync();
            curl.Kill(entireProcessTree: true);
            await curl.WaitForExitAsync();
        }

        await _host.WaitForNoSessionsAsync();
        Assert.Null(await GetAsync("alice/killed.bin"));
    }

    [Fact]
    public async Task A_data_connection_reset_mid_upload_leaves_no_object()
    {
        await using RawFtpClient client = await _host.LoginAsync("alice");
        Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR cut.bin")).Code);
        await data.SendAsync(Bytes(11 * MiB, 6), SocketFlags.None);
        data.Close(0);

        Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        Assert.Null(await GetAsync("alice/cut.bin"));
    }

    [Fact]
    public async Task Rest_before_retr_sends_the_file_from_that_offset()
    {
        byte[] data = Bytes(100_000, 4);
        await PutAsync("alice/r.bin", data);
        await using RawFtpClient client = await _host.LoginAsync("alice");

        Assert.Equal(350, (await client.CommandAsync("REST 60000")).Code);
        Assert.Equal(data[60000..], await client.DownloadAsync("RETR r.bin"));
    }

    [Fact]
    public async Task Nlst_of_2500_entries_names_every_one_exactly_once()
    {
        const int count = 2500;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await PutAsync($"alice/many/f{i:D4}", [1]));
        await using RawFtpClient client = await _host.LoginAsync("alice");

        string[] names = Encoding.UTF8.GetString(await client.DownloadAsync("NLST many"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(count, names.Length);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"f{i:D4}").Order(StringComparer.Ordinal),
            names.Select(n => n.Split('/')[^1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_store_that_is_down_gives_451_and_the_session_still_answers()
    {
        await using RawFtpClient client = await _host.LoginAsync("carol");

        FtpReply refused = await client.CommandAsync("MKD d");
        Assert.Equal(451, refused.Code);
        Assert.DoesNotContain("127.0.0.1", refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("down/", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(257, (await client.CommandAsync("PWD")).Code);
        Assert.Equal(451, (await client.CommandAsync("SIZE f")).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    public async Task A_user_name_that_could_leave_the_per_user_prefix_cannot_log_in(string user)
    {
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(_host.EndPoint);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        Assert.Equal(530, (await client.AttemptLoginAsync(user, S3FtpHost.Password)).Code);
    }

    [Fact]
    public async Task Two_users_never_see_each_others_files()
    {
        await using RawFtpClient alice = await _host.LoginAsync("alice");
        await alice.UploadAsync("STOR mine.txt", [1, 2, 3]);
        await using RawFtpClient bob = await _host.LoginAsync("bob");

        Assert.Equal(550, (await bob.CommandAsync("SIZE mine.txt")).Code);
        Assert.Equal(550, (await bob.CommandAsync("RETR /../alice/mine.txt")).Code);
        Assert.Empty(await bob.DownloadAsync("NLST"));
    }

    [Fact]
    public async Task Mfmt_and_site_chmod_are_not_implemented_and_a_directory_rename_says_why_it_is_refused()
    {
        await using RawFtpClient client = await _host.LoginAsync("alice");
        await client.UploadAsync("STOR f.txt", [1]);
        Assert.Equal(257, (await client.CommandAsync("MKD d")).Code);

        Assert.Equal(502, (await client.CommandAsync("MFMT 20200101000000 f.txt")).Code);
        Assert.Equal(502, (await client.CommandAsync("SITE CHMOD 600 f.txt")).Code);
        Assert.Equal(350, (await client.CommandAsync("RNFR d")).Code);
        FtpReply refused = await client.CommandAsync("RNTO e");
        Assert.Equal(550, refused.Code);
        Assert.Contains("Renaming a directory is not supported on this storage.", refused.ToString(), StringComparison.Ordinal);
    }

    [StoreFact(Needs = StoreFeature.UploadPartCopy)]
    public async Task Appe_adds_to_a_large_file_and_rest_stor_resumes_it()
    {
        byte[] start = Bytes(6 * MiB, 5);
        await PutAsync("alice/big.bin", start);
        await using RawFtpClient client = await _host.LoginAsync("alice");

        await client.UploadAsync("APPE big.bin", [7, 7]);
        Assert.Equal((byte[])[.. start, 7, 7], await GetAsync("alice/big.bin"));

        Assert.Equal(350, (await client.CommandAsync($"REST {5 * MiB}")).Code);
        await client.UploadAsync("STOR big.bin", [9]);
        Assert.Equal((byte[])[.. start[..(5 * MiB)], 9], await GetAsync("alice/big.bin"));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private async Task PutAsync(string key, byte[] data)
    {
        using var content = new MemoryStream(data);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3Emulator.Bucket,
            Key = _root + key,
            InputStream = content,
            UseChunkEncoding = S3Emulator.UseChunkEncoding,
        });
    }

    private async Task<byte[]?> GetAsync(string key)
    {
        try
        {
            using GetObjectResponse response = await _client.GetObjectAsync(S3Emulator.Bucket, _root + key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
