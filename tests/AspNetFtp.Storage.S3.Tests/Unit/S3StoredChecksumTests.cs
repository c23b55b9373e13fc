using Amazon.S3;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.S3.Tests.Fakes;
using static AspNetFtp.Storage.S3.Tests.Fakes.FakeS3Store;

namespace AspNetFtp.Storage.S3.Tests.Unit;

/// <summary>HASH and XCRC/XMD5/XSHA* ask the store first: one answer per case.</summary>
public sealed class S3StoredChecksumTests
{
    private const string Key = "users/alice/f";

    private static async Task<string?> Stored(StrictFakeS3 s3, S3FileSystem fs, FtpChecksumAlgorithm algorithm) =>
        await fs.GetStoredChecksumAsync(P("/f"), algorithm, default);

    [Fact]
    public async Task A_single_part_ETag_is_the_MD5()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Seed(Key, [1, 2, 3]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData([1, 2, 3])), await Stored(s3, fs, FtpChecksumAlgorithm.Md5));
    }

    [Fact]
    public async Task A_multipart_ETag_is_not_an_MD5()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Seed(Key, [1], etag: "\"0123456789abcdef0123456789abcdef-3\"");
        Assert.Null(await Stored(s3, fs, FtpChecksumAlgorithm.Md5));
    }

    [Fact]
    public async Task The_ETag_of_a_KMS_encrypted_object_is_not_an_MD5()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Seed(Key, [1], encryption: ServerSideEncryptionMethod.AWSKMS);
        Assert.Null(await Stored(s3, fs, FtpChecksumAlgorithm.Md5));
    }

    [Fact]
    public async Task A_full_object_CRC32_is_given_as_lowercase_hex()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Seed(Key, [1]);
        s3.SetChecksums(Key, ChecksumType.FULL_OBJECT, crc32: Convert.ToBase64String([0xDE, 0xAD, 0xBE, 0xEF]));
        Assert.Equal("deadbeef", await Stored(s3, fs, FtpChecksumAlgorithm.Crc32));
    }

    [Fact]
    public async Task A_full_object_SHA256_is_given_as_lowercase_hex()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        byte[] sha = System.Security.Cryptography.SHA256.HashData([1]);
        s3.Seed(Key, [1]);
        s3.SetChecksums(Key, ChecksumType.FULL_OBJECT, sha256: Convert.ToBase64String(sha));
        Assert.Equal(Convert.ToHexStringLower(sha), await Stored(s3, fs, FtpChecksumAlgorithm.Sha256));
    }

    [Fact]
    public async Task A_composite_checksum_of_parts_is_not_the_files_checksum()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Seed(Key, [1]);
        s3.SetChecksums(Key, ChecksumType.COMPOSITE, crc32: Convert.ToBase64String([1, 2, 3, 4]));
        Assert.Null(await Stored(s3, fs, FtpChecksumAlgorithm.Crc32));
    }

    [Fact]
    public async Task An_algorithm_the_store_did_not_keep_is_null_so_the_engine_computes_it()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Seed(Key, [1]);
        s3.SetChecksums(Key, ChecksumType.FULL_OBJECT, crc32: Convert.ToBase64String([1, 2, 3, 4]));
        Assert.Null(await Stored(s3, fs, FtpChecksumAlgorithm.Sha256));
        Assert.Null(await Stored(s3, fs, FtpChecksumAlgorithm.Sha1));
    }
}
