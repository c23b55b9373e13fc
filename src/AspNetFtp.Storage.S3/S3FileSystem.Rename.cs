using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Storage.S3.Errors;
using AspNetFtp.Storage.S3.Uploads;

namespace AspNetFtp.Storage.S3;

/// <summary>RNFR/RNTO on S3: a server-side copy then a delete (S3 has no rename).</summary>
internal sealed partial class S3FileSystem
{
    /// <summary>The sentence a client gets when it renames a directory and the profile does not allow it.</summary>
    public const string DirectoryRenameRefused = "Renaming a directory is not supported on this storage.";

    /// <summary>The largest object CopyObject copies in one request; above it, a multipart copy.</summary>
    internal long SingleCopyLimit { get; init; } = 5L << 30;

    /// <summary>The part size of a multipart copy (S3's largest part).</summary>
    internal long CopyPartSize { get; init; } = PartSizePlan.MaxCopyPartSize;

    public async ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken)
    {
        if (from.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "S3 rename of the root.");
        }

        FtpFileInfo source = await GetInfoAsync(from, cancellationToken)
            ?? throw new FtpFileSystemException(FtpFileSystemError.NotFound, $"S3 rename: no '{_keys.KeyOf(from)}'.");
        if (source.IsDirectory && !_options.AllowDirectoryRename)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, $"S3 rename of directory '{_keys.KeyOf(from)}' refused (AllowDirectoryRename is false).")
            {
                ClientReason = DirectoryRenameRefused,
            };
        }

        if (from == to)
        {
            return;
        }

        if (to.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "S3 rename onto the root.");
        }

        await RequireParentAsync(to, cancellationToken);
        FtpFileInfo? target = await GetInfoAsync(to, cancellationToken);
        if (source.IsDirectory)
        {
            await RenameDirectoryAsync(from, to, target, cancellationToken);
            return;
        }

        if (target is { IsDirectory: true })
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, $"S3 rename onto directory '{_keys.KeyOf(to)}'.");
        }

        string fromKey = _keys.KeyOf(from);
        string toKey = _keys.KeyOf(to);
        await CopyObjectAsync(fromKey, toKey, source.Length, Quoted(source.UniqueId), cancellationToken);
        await DeleteOriginalAsync(fromKey, toKey, cancellationToken);
    }

    /// <summary>
    /// Copies every object under the directory to the new prefix (its marker too), then deletes the originals. Not atomic:
    /// a failure half way leaves both (the copies are whole objects, so nothing is lost).
    /// </summary>
    private async Task RenameDirectoryAsync(FtpPath from, FtpPath to, FtpFileInfo? target, CancellationToken cancellationToken)
    {
        if (target is not null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, $"S3 directory rename onto existing '{_keys.KeyOf(to)}'.");
        }

        string fromPrefix = _keys.DirectoryPrefixOf(from);
        string toPrefix = _keys.DirectoryPrefixOf(to);
        if (toPrefix.StartsWith(fromPrefix, StringComparison.Ordinal))
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, $"S3 rename of '{fromPrefix}' into itself.");
        }

        await foreach (S3Object item in ListAllAsync(fromPrefix, cancellationToken))
        {
            await CopyObjectAsync(item.Key, toPrefix + item.Key[fromPrefix.Length..], item.Size ?? 0, item.ETag, cancellationToken);
        }

        await foreach (S3Object item in ListAllAsync(fromPrefix, cancellationToken))
        {
            await DeleteOriginalAsync(item.Key, toPrefix + item.Key[fromPrefix.Length..], cancellationToken);
        }
    }

    private async Task DeleteOriginalAsync(string fromKey, string toKey, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteKeyAsync(fromKey, cancellationToken);
        }
        catch (FtpFileSystemException ex)
        {
            S3Log.RenameDeleteFailed(_logger, fromKey, toKey, ex);
            throw;
        }
    }

    /// <summary>Every object under <paramref name="prefix"/>, page by page.</summary>
    private async IAsyncEnumerable<S3Object> ListAllAsync(
        string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        for (int page = 0; page < int.MaxValue; page++)
        {
            var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = ListPageSize, ContinuationToken = token };
            ListObjectsV2Response response = await S3Errors.Run(
                () => _s3.ListObjectsV2Async(request, cancellationToken), "ListObjectsV2", prefix, cancellationToken);
            foreach (S3Object item in response.S3Objects ?? [])
            {
                yield return item;
            }

            token = response.NextContinuationToken;
            if (response.IsTruncated != true || string.IsNullOrEmpty(token))
            {
                yield break;
            }
        }
    }

    /// <summary>A server-side copy: CopyObject up to 5 GiB, a multipart upload of UploadPartCopy parts above.</summary>
    private async Task CopyObjectAsync(string fromKey, string toKey, long length, string? etag, CancellationToken cancellationToken)
    {
        if (length <= SingleCopyLimit)
        {
            var request = new CopyObjectRequest
            {
                SourceBucket = Bucket,
                SourceKey = fromKey,
                DestinationBucket = Bucket,
                DestinationKey = toKey,
                ETagToMatch = etag,
            };
            await S3Errors.Run(() => _s3.CopyObjectAsync(request, cancellationToken), "CopyObject", fromKey, cancellationToken);
            return;
        }

        var initiate = new InitiateMultipartUploadRequest { BucketName = Bucket, Key = toKey };
        string uploadId = (await S3Errors.Run(
            () => _s3.InitiateMultipartUploadAsync(initiate, cancellationToken), "CreateMultipartUpload", toKey, cancellationToken)).UploadId;
        try
        {
            List<PartETag> parts = [];
            foreach ((long first, long last) in PartSizePlan.CopyRanges(length, CopyPartSize))
            {
                var part = new CopyPartRequest
                {
                    SourceBucket = Bucket,
                    SourceKey = fromKey,
                    DestinationBucket = Bucket,
                    DestinationKey = toKey,
                    UploadId = uploadId,
                    PartNumber = parts.Count + 1,
                    FirstByte = first,
                    LastByte = last,
                    ETagToMatch = etag is null ? null : [etag],
                };
                CopyPartResponse copied = await S3Errors.Run(() => _s3.CopyPartAsync(part, cancellationToken), "UploadPartCopy", fromKey, cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, copied.ETag));
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = Bucket, Key = toKey, UploadId = uploadId, PartETags = parts };
            await S3Errors.Run(() => _s3.CompleteMultipartUploadAsync(complete, cancellationToken), "CompleteMultipartUpload", toKey, cancellationToken);
        }
        catch
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = toKey, UploadId = uploadId }, timeout.Token);
            }
            catch (Exception ex) when (S3Errors.IsStoreFailure(ex, CancellationToken.None) || ex is OperationCanceledException)
            {
                S3Log.AbortFailed(_logger, toKey, uploadId, ex);
            }

            throw;
        }
    }
}
