using System.Net;
using System.Security.Cryptography;
using Amazon.S3.Model;

namespace AspNetFtp.Storage.S3.Tests.Fakes;

/// <summary>The multipart half of the strict fake: AWS's part rules, and counts of parts in flight.</summary>
internal sealed partial class StrictFakeS3
{
    private readonly Dictionary<string, PendingUpload> _uploads = [];
    private int _uploadCounter;
    private int _partsInFlight;

    /// <summary>The most UploadPart calls that were running at the same time.</summary>
    public int MaxPartsInFlight { get; private set; }

    /// <summary>When set, every UploadPart waits for this before storing its part (tests hold parts in flight).</summary>
    public TaskCompletionSource? PartGate { get; set; }

    /// <summary>UploadPart calls started so far.</summary>
    public int PartsStarted { get; private set; }

    /// <summary>Open multipart uploads (not completed nor aborted), by key.</summary>
    public IReadOnlyList<string> OpenUploads
    {
        get
        {
            lock (_lock)
            {
                return [.. _uploads.Values.Select(u => u.Key)];
            }
        }
    }

    /// <summary>The sizes of the parts the last completed upload was made of, in order.</summary>
    public IReadOnlyList<long> LastCompletedPartSizes { get; private set; } = [];

    /// <summary>
    /// When set, CreateMultipartUpload opens the upload at once but answers only after this completes; a caller that
    /// stops waiting (its token cancelled) never learns the id, like a client whose request reached the store and whose
    /// answer was lost.
    /// </summary>
    public TaskCompletionSource? InitiateGate { get; set; }

    public override async Task<InitiateMultipartUploadResponse> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Record("CreateMultipartUpload");
        string id;
        lock (_lock)
        {
            id = "upload-" + ++_uploadCounter;
            _uploads[id] = new PendingUpload(request.Key);
        }

        if (InitiateGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return new InitiateMultipartUploadResponse { UploadId = id, Key = request.Key, HttpStatusCode = HttpStatusCode.OK };
    }

    public override async Task<UploadPartResponse> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        Record("UploadPart");
        int number = request.PartNumber ?? 0;
        CheckPartNumber(number);
        lock (_lock)
        {
            PartsStarted++;
            MaxPartsInFlight = Math.Max(MaxPartsInFlight, ++_partsInFlight);
        }

        try
        {
            if (PartGate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            using var copy = new MemoryStream();
            await request.InputStream.CopyToAsync(copy, cancellationToken);
            byte[] data = copy.ToArray();
            string etag = Md5ETag(data);
            lock (_lock)
            {
                Upload(request.UploadId, request.Key).Parts[number] = (data, etag);
            }

            return new UploadPartResponse { ETag = etag, PartNumber = number, HttpStatusCode = HttpStatusCode.OK };
        }
        finally
        {
            lock (_lock)
            {
                _partsInFlight--;
            }
        }
    }

    public override Task<CopyPartResponse> CopyPartAsync(CopyPartRequest request, CancellationToken cancellationToken = default)
    {
        StoredObject source = Find("UploadPartCopy", request.SourceKey);
        CheckIfMatch(request.ETagToMatch, source);
        int number = request.PartNumber ?? 0;
        CheckPartNumber(number);
        long first = request.FirstByte ?? 0;
        long last = request.LastByte ?? source.Data.LongLength - 1;
        if (first < 0 || last >= source.Data.LongLength || first > last || last - first + 1 > (5L << 30))
        {
            throw Error("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable);
        }

        byte[] data = source.Data[(int)first..(int)(last + 1)];
        string etag = Md5ETag(data);
        lock (_lock)
        {
            Upload(request.UploadId, request.DestinationKey).Parts[number] = (data, etag);
        }

        return Task.FromResult(new CopyPartResponse { ETag = etag, PartNumber = number, HttpStatusCode = HttpStatusCode.OK });
    }

    public override Task<CompleteMultipartUploadResponse> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Record("CompleteMultipartUpload");
        lock (_lock)
        {
            PendingUpload upload = Upload(request.UploadId, request.Key);
            List<PartETag> parts = request.PartETags ?? [];
            if (parts.Count == 0)
            {
                throw Error("MalformedXML", HttpStatusCode.BadRequest);
            }

            using var data = new MemoryStream();
            using var md5s = new MemoryStream();
            List<long> sizes = [];
            for (int i = 0; i < parts.Count; i++)
            {
                int number = parts[i].PartNumber ?? 0;
                if (i > 0 && number <= (parts[i - 1].PartNumber ?? 0))
                {
                    throw Error("InvalidPartOrder", HttpStatusCode.BadRequest);
                }

                if (!upload.Parts.TryGetValue(number, out (byte[] Data, string ETag) part) || Unquote(part.ETag) != Unquote(parts[i].ETag))
                {
                    throw Error("InvalidPart", HttpStatusCode.BadRequest);
                }

                if (i < parts.Count - 1 && part.Data.Length < MinPartSize)
                {
                    throw Error("EntityTooSmall", HttpStatusCode.BadRequest);
                }

                data.Write(part.Data);
                md5s.Write(MD5.HashData(part.Data));
                sizes.Add(part.Data.Length);
            }

            string etag = "\"" + Convert.ToHexStringLower(MD5.HashData(md5s.ToArray())) + "-" + parts.Count + "\"";
            _objects[upload.Key] = new StoredObject(data.ToArray(), etag, DateTime.UtcNow);
            _uploads.Remove(request.UploadId);
            LastCompletedPartSizes = sizes;
            return Task.FromResult(new CompleteMultipartUploadResponse { ETag = etag, Key = upload.Key, HttpStatusCode = HttpStatusCode.OK });
        }
    }

    public override Task<AbortMultipartUploadResponse> AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Record("AbortMultipartUpload");
        lock (_lock)
        {
            Upload(request.UploadId, request.Key);
            _uploads.Remove(request.UploadId);
        }

        return Task.FromResult(new AbortMultipartUploadResponse { HttpStatusCode = HttpStatusCode.NoContent });
    }

    private static string Unquote(string? etag) => etag?.Trim('"') ?? string.Empty;

    private static void CheckPartNumber(int number)
    {
        if (number is < 1 or > 10_000)
        {
            throw Error("InvalidArgument", HttpStatusCode.BadRequest);
        }
    }

    private PendingUpload Upload(string uploadId, string key) =>
        _uploads.TryGetValue(uploadId, out PendingUpload? upload) && upload.Key == key
            ? upload
            : throw Error("NoSuchUpload", HttpStatusCode.NotFound);

    private sealed record PendingUpload(string Key)
    {
        public Dictionary<int, (byte[] Data, string ETag)> Parts { get; } = [];
    }
}
