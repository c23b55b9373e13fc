using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.S3.Tests.Behaviour;
using AspNetFtp.Storage.S3.Uploads;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.S3.Tests.Emulator;

/// <summary>Multipart uploads, aborts, append by server-side copy and stored checksums on the real S3 emulator.</summary>
public sealed class EmulatorS3UploadTests : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly AmazonS3Client _client = S3Emulator.CreateClient();
    private readonly string _prefix = "u-" + Guid.NewGuid().ToString("N")[..12] + "/";

    private S3FileSystem Fs() => new(_client, S3Emulator.Options(), _prefix, new UploadBufferPool(S3Emulator.Options().UploadConcurrency + 1), NullLogger.Instance);

    [Fact]
    public async Task A_17_MiB_multipart_upload_reads_back_byte_for_byte()
    {
        byte[] data = Bytes(17 * MiB, 1);
        await using (IFtpUpload upload = await Fs().OpenWriteAsync(FtpPath.Parse("/f"), FtpWriteMode.Create, 0, default))
        {
            await Unit.S3UploadTests.WriteInChunksAsync(upload.Stream, data, 256 * 1024);
            Assert.NotNull(((S3Upload)upload).UploadId);
            await upload.CompleteAsync(default);
        }

        Assert.Equal(data, await GetAsync("f"));
    }

    [StoreFact(Needs = StoreFeature.AbortMultipartUpload)]
    public async Task An_aborted_upload_leaves_no_object_and_its_upload_id_is_gone_from_the_store()
    {
        IFtpUpload upload = await Fs().OpenWriteAsync(FtpPath.Parse("/f"), FtpWriteMode.Create, 0, default);
        await upload.Stream.WriteAsync(Bytes(11 * MiB, 2));
        string uploadId = ((S3Upload)upload).UploadId!;
        await upload.AbortAsync(default);
        await upload.DisposeAsync();

        Assert.Null(await GetAsync("f"));
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = S3Emulator.Bucket,
            Key = _prefix + "f",
            UploadId = uploadId,
            PartETags = [new PartETag(1, "\"00000000000000000000000000000000\"")],
        }));
        Assert.Equal("NoSuchUpload", error.ErrorCode);
    }

    [StoreFact(Needs = StoreFeature.ListMultipartUploads | StoreFeature.AbortMultipartUpload)]
    public async Task An_aborted_upload_leaves_no_multipart_upload_under_the_prefix()
    {
        IFtpUpload upload = await Fs().OpenWriteAsync(FtpPath.Parse("/f"), FtpWriteMode.Create, 0, default);
        await upload.Stream.WriteAsync(Bytes(11 * MiB, 2));
        await upload.AbortAsync(default);
        await upload.DisposeAsync();

        ListMultipartUploadsResponse open = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = S3Emulator.Bucket, Prefix = _prefix });
        Assert.Empty(open.MultipartUploads ?? []);
    }

    [StoreFact(Needs = StoreFeature.UploadPartCopy)]
    public async Task Append_to_a_six_MiB_object_copies_it_server_side_and_adds_the_new_bytes()
    {
        byte[] existing = Bytes(6 * MiB, 3);
        byte[] added = Bytes(100_000, 4);
        await PutAsync("f", existing);

        await using (IFtpUpload upload = await Fs().OpenWriteAsync(FtpPath.Parse("/f"), FtpWriteMode.Append, 0, default))
        {
            await upload.Stream.WriteAsync(added);
            await upload.CompleteAsync(default);
        }

        byte[]? stored = await GetAsync("f");
        Assert.Equal((byte[])[.. existing, .. added], stored);
    }

    [Fact]
    public async Task The_stored_MD5_of_a_single_part_object_is_its_ETag_and_equals_the_computed_MD5()
    {
        byte[] data = Bytes(4000, 5);
        await PutAsync("f", data);
        string? md5 = await Fs().GetStoredChecksumAsync(FtpPath.Parse("/f"), FtpChecksumAlgorithm.Md5, default);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), md5);
    }

    [Fact]
    public async Task The_stored_CRC32_of_a_file_put_in_one_request_is_the_full_object_checksum()
    {
        byte[] data = Bytes(4000, 7);
        await using (IFtpUpload upload = await Fs().OpenWriteAsync(FtpPath.Parse("/c"), FtpWriteMode.Create, 0, default))
        {
            await upload.Stream.WriteAsync(data);
            await upload.CompleteAsync(default);
        }

        string? crc = await Fs().GetStoredChecksumAsync(FtpPath.Parse("/c"), FtpChecksumAlgorithm.Crc32, default);
        Assert.Equal(Crc32(data).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), crc);
    }

    [Fact]
    public async Task A_multipart_object_has_no_stored_MD5_so_the_engine_computes_it()
    {
        await using (IFtpUpload upload = await Fs().OpenWriteAsync(FtpPath.Parse("/f"), FtpWriteMode.Create, 0, default))
        {
            await upload.Stream.WriteAsync(Bytes(6 * MiB, 6));
            await upload.CompleteAsync(default);
        }

        Assert.Null(await Fs().GetStoredChecksumAsync(FtpPath.Parse("/f"), FtpChecksumAlgorithm.Md5, default));
    }

    public void Dispose() => _client.Dispose();

    /// <summary>CRC-32 (IEEE 802.3, reflected, as zip computes it), bit by bit: the reference the store's answer is checked against.</summary>
    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
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
            Key = _prefix + key,
            InputStream = content,
            UseChunkEncoding = S3Emulator.UseChunkEncoding,
        });
    }

    private async Task<byte[]?> GetAsync(string key)
    {
        try
        {
            using GetObjectResponse response = await _client.GetObjectAsync(S3Emulator.Bucket, _prefix + key);
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
