using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Storage.Azure.Errors;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Storage.Azure.FileSystem;

/// <summary>RNFR/RNTO: a server-side copy, then the source deleted; a directory only when the profile allows it.</summary>
internal sealed partial class AzureBlobFileSystem
{
    /// <summary>The sentence a client reads when a directory rename is refused.</summary>
    public const string DirectoryRenameRefused = "Renaming a directory is not supported on this storage.";

    public async ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken)
    {
        if (from.IsRoot || to.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "The root cannot be renamed or replaced.");
        }

        Found source = await FindAsync(from, cancellationToken)
            ?? throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such entry.");
        await RequireDirectoryAsync(to.Parent, FtpFileSystemError.NotFound, cancellationToken);
        if (from.Equals(to))
        {
            return;
        }

        Found? target = await FindAsync(to, cancellationToken);
        if (source.Info.IsDirectory)
        {
            await RenameDirectoryAsync(from, to, target, cancellationToken);
            return;
        }

        if (target is { Info.IsDirectory: true })
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "A directory has the new name.");
        }

        await MoveBlobAsync(BlobKeys.Of(_prefix, from), BlobKeys.Of(_prefix, to), source.ETag, cancellationToken);
    }

    private async ValueTask RenameDirectoryAsync(FtpPath from, FtpPath to, Found? target, CancellationToken cancellationToken)
    {
        if (!_options.AllowDirectoryRename)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Directory rename is off (AllowDirectoryRename).")
            {
                ClientReason = DirectoryRenameRefused,
            };
        }

        if (target is not null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "The new name exists.");
        }

        string fromInside = BlobKeys.Inside(_prefix, from);
        string toInside = BlobKeys.Inside(_prefix, to);
        if (toInside.StartsWith(fromInside, StringComparison.Ordinal))
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "A directory cannot move into itself.");
        }

        // Copy everything first, then delete the originals: a failure half-way leaves every source blob in place.
        List<(string Key, ETag ETag)> copied = [];
        await BlobErrors.Call("directory listing for rename", async () =>
        {
            await foreach (BlobItem item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = fromInside }, cancellationToken))
            {
                await CopyBlobAsync(item.Name, toInside + item.Name[fromInside.Length..], item.Properties.ETag, cancellationToken);
                copied.Add((item.Name, item.Properties.ETag ?? ETag.All));
            }
        }, cancellationToken);
        foreach ((string key, ETag etag) in copied)
        {
            await DeleteCopiedAsync(key, etag, cancellationToken);
        }
    }

    private async ValueTask MoveBlobAsync(string fromKey, string toKey, ETag? etag, CancellationToken cancellationToken)
    {
        await CopyBlobAsync(fromKey, toKey, etag, cancellationToken);
        await DeleteCopiedAsync(fromKey, etag ?? ETag.All, cancellationToken);
    }

    private async ValueTask CopyBlobAsync(string fromKey, string toKey, ETag? etag, CancellationToken cancellationToken)
    {
        BlobClient source = _container.GetBlobClient(fromKey);
        BlobClient destination = _container.GetBlobClient(toKey);
        await BlobErrors.Call("server-side copy", async () =>
        {
            Uri sourceUri = await _sources.ForReadAsync(source, cancellationToken);
            CopyFromUriOperation copy = await destination.StartCopyFromUriAsync(sourceUri,
                new BlobCopyFromUriOptions { SourceConditions = new BlobRequestConditions { IfMatch = etag } }, cancellationToken);
            await copy.WaitForCompletionAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
            BlobProperties copied = (await destination.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (copied.CopyStatus != CopyStatus.Success && !string.IsNullOrEmpty(copied.CopyId))
            {
                throw new FtpFileSystemException(FtpFileSystemError.Unavailable, $"Azure Blob storage: server-side copy ended {copied.CopyStatus}.");
            }
        }, cancellationToken);
    }

    private async ValueTask DeleteCopiedAsync(string key, ETag etag, CancellationToken cancellationToken)
    {
        BlobClient source = _container.GetBlobClient(key);
        try
        {
            await source.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Replaced by another client since it was copied: the new blob stays.
        }
        catch (Exception ex) when (BlobErrors.IsStoreFailure(ex, cancellationToken))
        {
            throw BlobErrors.Translate(ex, "delete after copy");
        }
    }
}
