using System.Diagnostics;
using System.Net.Sockets;
using AspNetFtp.Storage.S3.Tests.Fakes;
using AspNetFtp.Testing;

namespace AspNetFtp.Storage.S3.Tests.EndToEnd;

/// <summary>
/// The FTP server on the strict fake, which shows what the emulator cannot: after an ABOR or a killed client, no
/// multipart upload is left open (no orphaned parts).
/// </summary>
public sealed class FakeStoreFtpTests : IAsyncLifetime
{
    private const int MiB = 1 << 20;
    private readonly StrictFakeS3 _s3 = new();
    private S3FtpHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await S3FtpHost.StartAsync(
            new()
            {
                ["s3"] = new()
                {
                    ["Kind"] = "S3",
                    ["Bucket"] = _s3.Bucket,
                    ["Endpoint"] = "http://127.0.0.1:9",
                    ["AccessKey"] = "a",
                    ["SecretKey"] = "s",
                    ["Prefix"] = "{username}",
                    ["PartSize"] = "5M",
                },
            },
            new() { ["alice"] = "s3" },
            _s3);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Abor_mid_upload_aborts_the_multipart_upload_so_no_object_and_no_parts_are_left()
    {
        await using (RawFtpClient client = await _host.LoginAsync("alice"))
        {
            using Socket data = await client.OpenPassiveAsync();
            Assert.Equal(150, (await client.CommandAsync("STOR aborted.bin")).Code);
            await data.SendAsync(new byte[11 * MiB], SocketFlags.None);
            await Eventually.TrueAsync(() => _s3.OpenUploads.Count == 1, TimeSpan.FromSeconds(30), "the multipart upload to open");
            await client.SendAsync("ABOR");
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        Assert.Empty(_s3.OpenUploads);
        Assert.Empty(_s3.Keys);
        Assert.Contains("AbortMultipartUpload", _s3.Calls);
    }

    [Fact]
    public async Task A_client_killed_mid_upload_leaves_no_object_and_no_open_multipart_upload()
    {
        using (Process curl = CurlProcess.Start("-T", "-", CurlProcess.Url(_host.EndPoint, "alice", "/killed.bin")))
        {
            byte[] chunk = new byte[MiB];
            for (int i = 0; i < 12; i++)
            {
                await curl.StandardInput.BaseStream.WriteAsync(chunk);
            }

            await curl.StandardInput.BaseStream.FlushAsync();
            await Eventually.TrueAsync(() => _s3.OpenUploads.Count == 1, TimeSpan.FromSeconds(30), "the multipart upload to open");
            curl.Kill(entireProcessTree: true);
            await curl.WaitForExitAsync();
        }

        await _host.WaitForNoSessionsAsync();
        Assert.Empty(_s3.OpenUploads);
        Assert.Empty(_s3.Keys);
    }

    [Fact]
    public async Task A_data_connection_reset_mid_upload_leaves_no_object_and_no_open_multipart_upload()
    {
        await using (RawFtpClient client = await _host.LoginAsync("alice"))
        {
            Socket data = await client.OpenPassiveAsync();
            Assert.Equal(150, (await client.CommandAsync("STOR cut.bin")).Code);
            await data.SendAsync(new byte[11 * MiB], SocketFlags.None);
            await Eventually.TrueAsync(() => _s3.OpenUploads.Count == 1, TimeSpan.FromSeconds(30), "the multipart upload to open");
            data.Close(0);
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        }

        Assert.Empty(_s3.OpenUploads);
        Assert.Empty(_s3.Keys);
    }

    [Fact]
    public async Task A_completed_stor_leaves_one_object_and_no_open_upload()
    {
        await using RawFtpClient client = await _host.LoginAsync("alice");
        byte[] data = new byte[12 * MiB];
        new Random(3).NextBytes(data);

        await client.UploadAsync("STOR done.bin", data);

        Assert.Equal(data, _s3.Content("alice/done.bin"));
        Assert.Empty(_s3.OpenUploads);
    }

    [Fact]
    public async Task Xmd5_and_xcrc_answer_the_stores_own_checksums_without_reading_the_object()
    {
        // Stored values that are not the content's: only the store can have given them.
        _s3.Seed("alice/f", [1, 2, 3], etag: "\"00112233445566778899aabbccddeeff\"");
        _s3.SetChecksums("alice/f", Amazon.S3.ChecksumType.FULL_OBJECT, crc32: Convert.ToBase64String([0xCA, 0xFE, 0xBA, 0xBE]));
        await using RawFtpClient client = await _host.LoginAsync("alice");

        FtpReply md5 = await client.CommandAsync("XMD5 f");
        FtpReply crc = await client.CommandAsync("XCRC f");

        Assert.Equal(250, md5.Code);
        Assert.Contains("00112233445566778899aabbccddeeff", md5.ToString(), StringComparison.Ordinal);
        Assert.Equal(250, crc.Code);
        Assert.Contains("cafebabe", crc.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _s3.BytesRead);
    }
}
