using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Storage.Azure.Errors;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Storage.Azure.FileSystem;

/// <summary>MKD and RMD: a directory's zero-byte marker blob <c>&lt;key&gt;/</c>.</summary>
internal sealed partial class AzureBlobFileSystem
{
    public async ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "The root exists.");
        }

        await RequireDirectoryAsync(path.Parent, FtpFileSystemError.NotFound, cancellationToken);
        if (await FindAsync(path, cancellationToken) is not null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "That name exists.");
        }

        BlobClient marker = _container.GetBlobClient(BlobKeys.Inside(_prefix, path));
        await BlobErrors.Call("directory marker upload", () => marker.UploadAsync(
            BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken), cancellationToken);
    }

    public async ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "The root cannot be removed.");
        }

        await RequireDirectoryAsync(path, FtpFileSystemError.NotADirectory, cancellationToken);
        string inside = BlobKeys.Inside(_prefix, path);
        bool hasEntries = await BlobErrors.Call("directory lookup", async () =>
        {
            await foreach (Page<BlobItem> page in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = inside }, cancellationToken).AsPages(pageSizeHint: 2))
            {
                return page.Values.Any(item => item.Name != inside);
            }

            return false;
        }, cancellationToken);
        if (hasEntries)
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotEmpty, "The directory has entries.");
        }

        BlobClient marker = _container.GetBlobClient(inside);
        await BlobErrors.Call("directory marker delete", () => marker.DeleteIfExistsAsync(cancellationToken: cancellationToken), cancellationToken);
    }
}
