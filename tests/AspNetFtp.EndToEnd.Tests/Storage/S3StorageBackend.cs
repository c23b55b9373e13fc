using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>The <c>S3</c> kind on the S3 emulator scripts/test.sh starts; each test under a prefix of its own.</summary>
public sealed class S3StorageBackend : StorageBackend
{
    private readonly string _run = "e2e-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _bucket = Emulator("ASPNETFTP_TEST_S3_BUCKET");
    private readonly AmazonS3Client _client = new(
        new BasicAWSCredentials(Emulator("ASPNETFTP_TEST_S3_ACCESS_KEY"), Emulator("ASPNETFTP_TEST_S3_SECRET_KEY")),
        new AmazonS3Config { ServiceURL = Emulator("ASPNETFTP_TEST_S3_ENDPOINT"), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public override string Name => "S3";

    internal override void Configure(FtpServerSettings settings, string scratch)
    {
        string key = $"FtpServer__Storage__Profiles__{Profile}__";
        settings.Environment[key + "Kind"] = "S3";
        settings.Environment[key + "Endpoint"] = Emulator("ASPNETFTP_TEST_S3_ENDPOINT");
        settings.Environment[key + "Region"] = "us-east-1";
        settings.Environment[key + "ForcePathStyle"] = "true";
        settings.Environment[key + "Bucket"] = _bucket;
        settings.Environment[key + "AccessKey"] = Emulator("ASPNETFTP_TEST_S3_ACCESS_KEY");
        settings.Environment[key + "SecretKey"] = Emulator("ASPNETFTP_TEST_S3_SECRET_KEY");
        settings.Environment[key + "Prefix"] = _run + "/{username}/";
        // Small parts, so that the suite's uploads are multipart uploads of several parts.
        settings.Environment[key + "PartSize"] = "5M";
    }

    public override async Task<IReadOnlyList<string>> ListEverythingAsync(string user)
    {
        string prefix = $"{_run}/{user}/";
        List<string> entries = [];
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await _client.ListObjectsV2Async(request);
            entries.AddRange((page.S3Objects ?? []).Select(o => o.Key[prefix.Length..]));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        ListMultipartUploadsResponse uploads = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket, Prefix = prefix });
        entries.AddRange((uploads.MultipartUploads ?? []).Select(u => "upload:" + u.Key[prefix.Length..]));
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    public override async Task<byte[]?> ReadAsync(string user, string path)
    {
        try
        {
            using GetObjectResponse response = await _client.GetObjectAsync(_bucket, $"{_run}/{user}/{path}");
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public override async Task PutAsync(string user, string path, byte[] content) =>
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = $"{_run}/{user}/{path}", InputStream = new MemoryStream(content) });

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }
}
