using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.S3.Profiles;
using AspNetFtp.Storage.S3.Uploads;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.S3.Tests.Fakes;

/// <summary>An <see cref="S3FileSystem"/> over a fresh <see cref="StrictFakeS3"/>, with small parts so tests stay small.</summary>
internal static class FakeS3Store
{
    public const int MiB = 1 << 20;

    public static (S3FileSystem FileSystem, StrictFakeS3 S3) Create(
        long partSize = 5 * MiB, int concurrency = 2, string prefix = "users/alice/", bool allowDirectoryRename = false, int pageSize = 1000,
        UploadBufferPool? buffers = null)
    {
        var s3 = new StrictFakeS3();
        var options = new S3ProfileOptions
        {
            ProfileName = "fake",
            Bucket = s3.Bucket,
            PartSize = partSize,
            UploadConcurrency = concurrency,
            AllowDirectoryRename = allowDirectoryRename,
        };
        return (new S3FileSystem(s3, options, prefix, buffers ?? new UploadBufferPool(concurrency + 1), NullLogger.Instance) { ListPageSize = pageSize }, s3);
    }

    public static FtpPath P(string path) => FtpPath.Parse(path);

    /// <summary>Deterministic bytes, different at every offset within a run.</summary>
    public static byte[] Bytes(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
