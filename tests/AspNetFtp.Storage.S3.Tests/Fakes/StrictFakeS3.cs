using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AspNetFtp.Storage.S3.Tests.Fakes;

/// <summary>
/// An in-memory S3 bucket that enforces AWS's rules where the emulators are lenient: every multipart part but the last
/// at least 5 MiB, part numbers 1 to 10,000, CompleteMultipartUpload's parts in ascending order with the ETags the
/// parts got, NoSuchUpload for an unknown upload id, Abort removes the parts, If-Match preconditions on GET and copy.
/// It records the calls the tests count. Only the operations the S3 storage uses are overridden.
/// </summary>
internal sealed partial class StrictFakeS3 : AmazonS3Client
{
    public const long MinPartSize = 5L << 20;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);

    public StrictFakeS3()
        : base(new AnonymousAWSCredentials(), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", MaxErrorRetry = 0 })
    {
    }

    public string Bucket { get; } = "fake-bucket";

    /// <summary>Every call, by operation name, in order.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Bytes sent back by GetObject, all calls together.</summary>
    public long BytesRead { get; private set; }

    /// <summary>When set, an operation (by name) throws what this returns instead of running.</summary>
    public Func<string, Exception?>? Fail { get; set; }

    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_lock)
            {
                return [.. _objects.Keys];
            }
        }
    }

    public byte[]? Content(string key)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(key, out StoredObject? o) ? o.Data : null;
        }
    }

    public string? ETagOf(string key)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(key, out StoredObject? o) ? o.ETag : null;
        }
    }

    /// <summary>Puts an object directly (as another tool would).</summary>
    public void Seed(string key, byte[] data, ServerSideEncryptionMethod? encryption = null, string? etag = null)
    {
        lock (_lock)
        {
            _objects[key] = new StoredObject(data, etag ?? Md5ETag(data), DateTime.UtcNow) { Encryption = encryption };
        }
    }

    /// <summary>Sets the checksums HeadObject returns for an object.</summary>
    public void SetChecksums(string key, ChecksumType type, string? crc32 = null, string? sha256 = null)
    {
        lock (_lock)
        {
            StoredObject o = _objects[key];
            _objects[key] = o with { ChecksumType = type, Crc32 = crc32, Sha256 = sha256 };
        }
    }

    public override Task<GetObjectMetadataResponse> GetObjectMetadataAsync(GetObjectMetadataRequest request, CancellationToken cancellationToken = default)
    {
        StoredObject o = Find("HeadObject", request.Key, headOnly: true);
        var response = new GetObjectMetadataResponse
        {
            ETag = o.ETag,
            ContentLength = o.Data.LongLength,
            LastModified = o.LastModified,
            ServerSideEncryptionMethod = o.Encryption,
            HttpStatusCode = HttpStatusCode.OK,
        };
        if (request.ChecksumMode == ChecksumMode.ENABLED)
        {
            response.ChecksumType = o.ChecksumType;
            response.ChecksumCRC32 = o.Crc32;
            response.ChecksumSHA256 = o.Sha256;
        }

        return Task.FromResult(response);
    }

    public override Task<GetObjectResponse> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        StoredObject o = Find("GetObject", request.Key);
        CheckIfMatch(request.EtagToMatch, o);
        (long first, long last) = Range(request.ByteRange?.FormattedByteRange, o.Data.LongLength);
        byte[] slice = o.Data[(int)first..(int)(last + 1)];
        lock (_lock)
        {
            BytesRead += slice.Length;
        }

        return Task.FromResult(new GetObjectResponse
        {
            ResponseStream = new MemoryStream(slice, writable: false),
            ContentLength = slice.Length,
            ETag = o.ETag,
            HttpStatusCode = HttpStatusCode.PartialContent,
        });
    }

    public override async Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        Record("PutObject");
        byte[] data = await ReadAllAsync(request.InputStream, cancellationToken);
        lock (_lock)
        {
            _objects[request.Key] = new StoredObject(data, Md5ETag(data), DateTime.UtcNow);
        }

        return new PutObjectResponse { ETag = Md5ETag(data), HttpStatusCode = HttpStatusCode.OK };
    }

    public override Task<DeleteObjectResponse> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default)
    {
        Record("DeleteObject");
        lock (_lock)
        {
            _objects.Remove(request.Key);
        }

        return Task.FromResult(new DeleteObjectResponse { HttpStatusCode = HttpStatusCode.NoContent });
    }

    public override Task<CopyObjectResponse> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default)
    {
        StoredObject o = Find("CopyObject", request.SourceKey);
        CheckIfMatch(request.ETagToMatch, o);
        if (o.Data.LongLength > (5L << 30))
        {
            throw Error("InvalidRequest", HttpStatusCode.BadRequest);
        }

        lock (_lock)
        {
            _objects[request.DestinationKey] = o with { LastModified = DateTime.UtcNow };
        }

        return Task.FromResult(new CopyObjectResponse { ETag = o.ETag, HttpStatusCode = HttpStatusCode.OK });
    }

    public override Task<ListObjectsV2Response> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        Record("ListObjectsV2");
        string prefix = request.Prefix ?? string.Empty;
        int max = request.MaxKeys is > 0 and <= 1000 ? request.MaxKeys.Value : 1000;
        string? after = request.ContinuationToken;
        var response = new ListObjectsV2Response { S3Objects = [], CommonPrefixes = [], IsTruncated = false, HttpStatusCode = HttpStatusCode.OK };
        lock (_lock)
        {
            string? last = null;
            int count = 0;
            foreach ((string key, StoredObject o) in _objects)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal)
                    || (after is not null && (string.CompareOrdinal(key, after) <= 0 || (after.EndsWith('/') && key.StartsWith(after, StringComparison.Ordinal)))))
                {
                    continue;
                }

                string rest = key[prefix.Length..];
                int slash = request.Delimiter is { Length: > 0 } d ? rest.IndexOf(d, StringComparison.Ordinal) : -1;
                string entry = slash >= 0 ? prefix + rest[..(slash + 1)] : key;
                if (slash >= 0 && response.CommonPrefixes.Count > 0 && response.CommonPrefixes[^1] == entry)
                {
                    continue;
                }

                if (count == max)
                {
                    response.IsTruncated = true;
                    response.NextContinuationToken = last;
                    break;
                }

                if (slash >= 0)
                {
                    response.CommonPrefixes.Add(entry);
                }
                else
                {
                    response.S3Objects.Add(new S3Object { Key = key, Size = o.Data.LongLength, ETag = o.ETag, LastModified = o.LastModified });
                }

                last = entry;
                count++;
            }

            response.KeyCount = count;
        }

        return Task.FromResult(response);
    }

    internal static string Md5ETag(byte[] data) => "\"" + Convert.ToHexStringLower(MD5.HashData(data)) + "\"";

    internal static AmazonS3Exception Error(string code, HttpStatusCode status) =>
        new($"Fake S3: {code}", ErrorType.Sender, code, "fake-request", status);

    private void Record(string operation)
    {
        lock (_lock)
        {
            Calls.Add(operation);
        }

        if (Fail?.Invoke(operation) is { } failure)
        {
            throw failure;
        }
    }

    private StoredObject Find(string operation, string key, bool headOnly = false)
    {
        Record(operation);
        lock (_lock)
        {
            return _objects.TryGetValue(key, out StoredObject? o)
                ? o
                : throw Error(headOnly ? "NotFound" : "NoSuchKey", HttpStatusCode.NotFound);
        }
    }

    private static void CheckIfMatch(IEnumerable<string>? expected, StoredObject o)
    {
        if (expected is not null && expected.Any() && !expected.Contains(o.ETag))
        {
            throw Error("PreconditionFailed", HttpStatusCode.PreconditionFailed);
        }
    }

    private static void CheckIfMatch(string? expected, StoredObject o)
    {
        if (expected is not null && expected != o.ETag)
        {
            throw Error("PreconditionFailed", HttpStatusCode.PreconditionFailed);
        }
    }

    /// <summary>An HTTP range (<c>bytes=a-b</c> or <c>bytes=a-</c>) as inclusive bytes; the whole object without one.</summary>
    private static (long First, long Last) Range(string? header, long length)
    {
        if (header is null)
        {
            return (0, length - 1);
        }

        string[] bounds = header["bytes=".Length..].Split('-');
        long first = long.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
        long last = bounds[1].Length == 0 ? length - 1 : Math.Min(long.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture), length - 1);
        return first >= length || first > last ? throw Error("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable) : (first, last);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private sealed record StoredObject(byte[] Data, string ETag, DateTime LastModified)
    {
        public ServerSideEncryptionMethod? Encryption { get; init; }

        public ChecksumType? ChecksumType { get; init; }

        public string? Crc32 { get; init; }

        public string? Sha256 { get; init; }
    }
}
