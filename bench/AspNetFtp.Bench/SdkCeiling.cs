using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Transfer;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Bench;

/// <summary>
/// The ceiling of the storage benchmark: one file put to or got from the S3 or Azure Blob emulator with the SDK
/// directly (no FTP server), with the part size and parallelism the back ends use, so that
/// bench/storage.sh can put the FTP server's figure beside it.
/// <c>sdk s3|azure put|get FILE KEY [--part-size-mib 8] [--concurrency 2]</c>; endpoints from the
/// ASPNETFTP_TEST_S3_* and ASPNETFTP_TEST_AZURE_CONNECTION_STRING variables (scripts/emulators.sh).
/// Prints <c>RESULT MBps=... bytes=... seconds=...</c>.
/// </summary>
internal static class SdkCeiling
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 4 || args[0] is not ("s3" or "azure") || args[1] is not ("put" or "get"))
        {
            Console.Error.WriteLine("usage: sdk s3|azure put|get FILE KEY [--part-size-mib N] [--concurrency N]");
            return 1;
        }

        (string store, string op, string file, string key) = (args[0], args[1], args[2], args[3]);
        int partMiB = 8, concurrency = 2;
        for (int i = 4; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--part-size-mib": partMiB = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine("unknown option " + args[i]); return 1;
            }
        }

        // The clock starts after one small request on the same client, as the FTP figure is taken on a warm server:
        // the client's construction, the first connection and the JIT are not part of the transfer.
        long bytes;
        double seconds;
        if (store == "s3")
        {
            (bytes, seconds) = await S3Async(op, file, key, partMiB, concurrency, cancellationToken);
        }
        else
        {
            (bytes, seconds) = await AzureAsync(op, file, key, partMiB, concurrency, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT MBps={bytes / seconds / 1e6:0.0} bytes={bytes} seconds={seconds:0.000}"));
        return 0;
    }

    private static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException(name + " is not set");

    private static async Task<(long Bytes, double Seconds)> S3Async(string op, string file, string key, int partMiB, int concurrency, CancellationToken cancellationToken)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = Env("ASPNETFTP_TEST_S3_ENDPOINT"),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        };
        using var client = new AmazonS3Client(new BasicAWSCredentials(Env("ASPNETFTP_TEST_S3_ACCESS_KEY"), Env("ASPNETFTP_TEST_S3_SECRET_KEY")), config);
        string bucket = Env("ASPNETFTP_TEST_S3_BUCKET");
        await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, cancellationToken);
        var clock = Stopwatch.StartNew();
        if (op == "put")
        {
            using var transfer = new TransferUtility(client, new TransferUtilityConfig { ConcurrentServiceRequests = concurrency });
            await transfer.UploadAsync(new TransferUtilityUploadRequest
            {
                BucketName = bucket, Key = key, FilePath = file, PartSize = partMiB * 1024L * 1024,
            }, cancellationToken);
            return (new FileInfo(file).Length, clock.Elapsed.TotalSeconds);
        }

        using var response = await client.GetObjectAsync(bucket, key, cancellationToken);
        long got = await DrainAsync(response.ResponseStream, cancellationToken);
        return (got, clock.Elapsed.TotalSeconds);
    }

    private static async Task<(long Bytes, double Seconds)> AzureAsync(string op, string file, string key, int partMiB, int concurrency, CancellationToken cancellationToken)
    {
        var container = new BlobContainerClient(Env("ASPNETFTP_TEST_AZURE_CONNECTION_STRING"), "bench-ceiling");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        BlobClient blob = container.GetBlobClient(key);
        var clock = Stopwatch.StartNew();
        if (op == "put")
        {
            await blob.UploadAsync(file, new BlobUploadOptions
            {
                TransferOptions = new StorageTransferOptions
                {
                    MaximumConcurrency = concurrency, MaximumTransferSize = partMiB * 1024L * 1024, InitialTransferSize = partMiB * 1024L * 1024,
                },
            }, cancellationToken);
            return (new FileInfo(file).Length, clock.Elapsed.TotalSeconds);
        }

        BlobDownloadStreamingResult download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using Stream content = download.Content;
        long got = await DrainAsync(content, cancellationToken);
        return (got, clock.Elapsed.TotalSeconds);
    }

    private static async Task<long> DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
