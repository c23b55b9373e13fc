using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.S3.Errors;
using AspNetFtp.Storage.S3.Listing;
using AspNetFtp.Storage.S3.Profiles;
using AspNetFtp.Storage.S3.Uploads;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.S3;

/// <summary>
/// One user's files in an S3 bucket under the user's prefix. A directory is a key prefix: MKD writes a zero-byte
/// marker <c>&lt;key&gt;/</c>, and a directory also exists when any object lies under it. Reads are ranged GETs streamed
/// to the client; writes are <see cref="S3Upload"/>s; a rename is a server-side copy then a delete.
/// </summary>
internal sealed partial class S3FileSystem : IFtpFileSystem, IFtpStoredChecksums
{
    /// <summary>What S3 storage supports: no Unix modes, and no modification time short of copying the object.</summary>
    public const FtpFileSystemCapabilities SupportedCapabilities =
        FtpFileSystemCapabilities.Rename | FtpFileSystemCapabilities.Append | FtpFileSystemCapabilities.ResumeUpload;

    private readonly IAmazonS3 _s3;
    private readonly S3ProfileOptions _options;
    private readonly S3KeyMap _keys;
    private readonly ILogger _logger;
    private readonly UploadBufferPool _buffers;

    public S3FileSystem(IAmazonS3 s3, S3ProfileOptions options, string prefix, UploadBufferPool buffers, ILogger logger)
    {
        _s3 = s3;
        _options = options;
        _keys = new S3KeyMap(prefix);
        _buffers = buffers;
        _logger = logger;
    }

    public FtpFileSystemCapabilities Capabilities => SupportedCapabilities;

    /// <summary>The page size of listings (the store's largest, 1000; tests make it smaller).</summary>
    internal int ListPageSize { get; init; } = S3Listing.PageSize;

    /// <summary>The user's key prefix.</summary>
    internal string Prefix => _keys.Prefix;

    private string Bucket => _options.Bucket;

    public async ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            return S3Listing.DirectoryOf(string.Empty, null);
        }

        if (await HeadAsync(_keys.KeyOf(path), cancellationToken) is { } head)
        {
            return S3Listing.FileOf(path.Name, head.ContentLength, head.LastModified, head.ETag);
        }

        string inside = _keys.DirectoryPrefixOf(path);
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = inside, MaxKeys = 1 };
        ListObjectsV2Response response = await S3Errors.Run(
            () => _s3.ListObjectsV2Async(request, cancellationToken), "ListObjectsV2", inside, cancellationToken);
        if (response.S3Objects is not [S3Object first, ..])
        {
            return null;
        }

        // Keys list in order, so the marker (the prefix itself) comes first when there is one.
        return S3Listing.DirectoryOf(path.Name, first.Key == inside ? first.LastModified : null);
    }

    public async IAsyncEnumerable<FtpFileInfo> ListAsync(
        FtpPath directory, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await RequireDirectoryAsync(directory, FtpFileSystemError.NotADirectory, cancellationToken);
        await foreach (FtpFileInfo entry in S3Listing.ListAsync(_s3, Bucket, _keys.DirectoryPrefixOf(directory), ListPageSize, cancellationToken))
        {
            yield return entry;
        }
    }

    public async ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        FtpFileInfo info = await RequireFileAsync(path, cancellationToken);
        if (offset >= info.Length)
        {
            return Stream.Null;
        }

        string key = _keys.KeyOf(path);
        var request = new GetObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            ByteRange = new ByteRange($"bytes={offset}-"),
            EtagToMatch = Quoted(info.UniqueId),
        };
        GetObjectResponse response = await S3Errors.Run(() => _s3.GetObjectAsync(request, cancellationToken), "GetObject", key, cancellationToken);
        return new S3ReadStream(response);
    }

    public async ValueTask<IFtpUpload> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await RequireParentAsync(path, cancellationToken);
        FtpFileInfo? existing = await GetInfoAsync(path, cancellationToken);
        if (existing is { IsDirectory: true })
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, $"S3 upload to '{_keys.KeyOf(path)}': a directory.");
        }

        long keep = mode switch
        {
            FtpWriteMode.CreateNew when existing is not null
                => throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, $"S3 upload to '{_keys.KeyOf(path)}': exists already."),
            FtpWriteMode.Append => existing?.Length ?? 0,
            FtpWriteMode.Resume when offset > (existing?.Length ?? 0)
                => throw new FtpFileSystemException(FtpFileSystemError.NotFound, $"S3 resume of '{_keys.KeyOf(path)}' past its end."),
            FtpWriteMode.Resume => offset,
            _ => 0,
        };
        var target = new S3UploadTarget(Bucket, _keys.KeyOf(path), _options.PartSize, _options.UploadConcurrency, _options.UseChunkEncoding, _buffers);
        S3ExistingBytes? existingBytes = keep > 0 ? new S3ExistingBytes(keep, Quoted(existing!.UniqueId)) : null;
        return await S3Upload.OpenAsync(_s3, target, existingBytes, _logger, cancellationToken);
    }

    public async ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken)
    {
        await RequireFileAsync(path, cancellationToken);
        await DeleteKeyAsync(_keys.KeyOf(path), cancellationToken);
    }

    public async ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "S3 MKD of the root.");
        }

        await RequireParentAsync(path, cancellationToken);
        if (await GetInfoAsync(path, cancellationToken) is not null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, $"S3 MKD of '{_keys.KeyOf(path)}': exists already.");
        }

        string marker = _keys.DirectoryPrefixOf(path);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = marker,
            InputStream = new MemoryStream([], writable: false),
            UseChunkEncoding = _options.UseChunkEncoding,
        };
        await S3Errors.Run(() => _s3.PutObjectAsync(request, cancellationToken), "PutObject", marker, cancellationToken);
    }

    public async ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "S3 RMD of the root.");
        }

        await RequireDirectoryAsync(path, FtpFileSystemError.NotADirectory, cancellationToken);
        string marker = _keys.DirectoryPrefixOf(path);
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = marker, MaxKeys = 2 };
        ListObjectsV2Response response = await S3Errors.Run(
            () => _s3.ListObjectsV2Async(request, cancellationToken), "ListObjectsV2", marker, cancellationToken);
        if ((response.S3Objects ?? []).Any(o => o.Key != marker))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotEmpty, $"S3 RMD of '{marker}': not empty.");
        }

        await DeleteKeyAsync(marker, cancellationToken);
    }

    public ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) =>
        throw new FtpFileSystemException(FtpFileSystemError.NotSupported, "S3 storage keeps no settable modification time.");

    public ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken) =>
        throw new FtpFileSystemException(FtpFileSystemError.NotSupported, "S3 storage has no Unix modes.");

    /// <summary>An ETag in the quotes S3 writes it with (the <see cref="FtpFileInfo.UniqueId"/> has them removed).</summary>
    private static string? Quoted(string? etag) => etag is null ? null : "\"" + etag + "\"";

    /// <summary>HeadObject of <paramref name="key"/>; null when there is no such object.</summary>
    private async Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken cancellationToken, bool checksums = false)
    {
        var request = new GetObjectMetadataRequest { BucketName = Bucket, Key = key };
        if (checksums)
        {
            request.ChecksumMode = ChecksumMode.ENABLED;
        }

        try
        {
            return await _s3.GetObjectMetadataAsync(request, cancellationToken);
        }
        catch (Exception ex) when (S3Errors.IsNotFound(ex))
        {
            return null;
        }
        catch (Exception ex) when (S3Errors.IsStoreFailure(ex, cancellationToken))
        {
            throw S3Errors.Translate(ex, "HeadObject", key);
        }
    }

    private async Task<FtpFileInfo> RequireFileAsync(FtpPath path, CancellationToken cancellationToken)
    {
        FtpFileInfo? info = await GetInfoAsync(path, cancellationToken);
        return info switch
        {
            null => throw new FtpFileSystemException(FtpFileSystemError.NotFound, $"S3: no '{_keys.KeyOf(path)}'."),
            { IsDirectory: true } => throw new FtpFileSystemException(FtpFileSystemError.NotAFile, $"S3: '{_keys.KeyOf(path)}' is a directory."),
            _ => info,
        };
    }

    /// <summary>Fails with NotFound when <paramref name="path"/> does not exist, with <paramref name="whenFile"/> when it is a file.</summary>
    private async Task RequireDirectoryAsync(FtpPath path, FtpFileSystemError whenFile, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            return;
        }

        FtpFileInfo? info = await GetInfoAsync(path, cancellationToken);
        if (info is null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotFound, $"S3: no directory '{_keys.DirectoryPrefixOf(path)}'.");
        }

        if (!info.IsDirectory)
        {
            throw new FtpFileSystemException(whenFile, $"S3: '{_keys.KeyOf(path)}' is a file.");
        }
    }

    /// <summary>The parent of <paramref name="path"/> must be an existing directory (NotFound otherwise, as on disk).</summary>
    private Task RequireParentAsync(FtpPath path, CancellationToken cancellationToken) =>
        RequireDirectoryAsync(path.Parent, FtpFileSystemError.NotFound, cancellationToken);

    private Task DeleteKeyAsync(string key, CancellationToken cancellationToken) =>
        S3Errors.Run(() => _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken),
            "DeleteObject", key, cancellationToken);
}
