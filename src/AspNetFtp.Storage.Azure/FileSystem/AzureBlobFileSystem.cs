using System.Runtime.CompilerServices;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.Azure.Errors;
using AspNetFtp.Storage.Azure.Listing;
using AspNetFtp.Storage.Azure.Profiles;
using AspNetFtp.Storage.Azure.Uploads;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.Azure.FileSystem;

/// <summary>
/// One user's files as block blobs under a key prefix of one container. A directory is a key prefix: MKD writes a
/// zero-byte marker <c>&lt;key&gt;/</c>, and any blob under <c>&lt;key&gt;/</c> makes one too. Uploads are staged
/// blocks committed only by <see cref="IFtpUpload.CompleteAsync"/>; reads are ranged downloads streamed as they come.
/// </summary>
internal sealed partial class AzureBlobFileSystem : IFtpFileSystem, IFtpStoredChecksums
{
    /// <summary>What every Azure Blob file system supports: no Unix modes, no settable times (see the README).</summary>
    public const FtpFileSystemCapabilities SupportedCapabilities =
        FtpFileSystemCapabilities.Rename | FtpFileSystemCapabilities.Append | FtpFileSystemCapabilities.ResumeUpload;

    /// <summary>The mode every file shows: 0644.</summary>
    public const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The mode every directory shows: 0755.</summary>
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly AzureBlobProfileOptions _options;
    private readonly BlobSourceUris _sources;
    private readonly UploadBufferPool _buffers;
    private readonly ILogger _logger;

    public AzureBlobFileSystem(BlobContainerClient container, string prefix, AzureBlobProfileOptions options, BlobSourceUris sources, UploadBufferPool buffers, ILogger logger)
    {
        _container = container;
        _prefix = prefix;
        _options = options;
        _sources = sources;
        _buffers = buffers;
        _logger = logger;
    }

    public FtpFileSystemCapabilities Capabilities => SupportedCapabilities;

    /// <summary>The key prefix of this user's root (the profile's prefix with <c>{username}</c> put in).</summary>
    public string Prefix => _prefix;

    public async ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken) =>
        (await FindAsync(path, cancellationToken))?.Info;

    public async IAsyncEnumerable<FtpFileInfo> ListAsync(FtpPath directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await RequireDirectoryAsync(directory, FtpFileSystemError.NotADirectory, cancellationToken);
        await foreach (FtpFileInfo entry in BlobListing.ListAsync(_container, BlobKeys.Inside(_prefix, directory), cancellationToken))
        {
            yield return entry;
        }
    }

    public async ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken)
    {
        Found file = await RequireFileAsync(path, cancellationToken);
        if (offset < 0 || offset > file.Info.Length)
        {
            throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Offset beyond end of file.");
        }

        if (offset == file.Info.Length)
        {
            return Stream.Null;
        }

        BlobClient blob = _container.GetBlobClient(BlobKeys.Of(_prefix, path));
        BlobDownloadStreamingResult download = await BlobErrors.Call("ranged download", async () => (await blob.DownloadStreamingAsync(
            new BlobDownloadOptions { Range = new HttpRange(offset), Conditions = new BlobRequestConditions { IfMatch = file.ETag } },
            cancellationToken)).Value, cancellationToken);
        return new BlobReadStream(download);
    }

    public async ValueTask<IFtpUpload> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "The root is a directory.");
        }

        await RequireDirectoryAsync(path.Parent, FtpFileSystemError.NotFound, cancellationToken);
        Found? existing = await FindAsync(path, cancellationToken);
        if (existing is { Info.IsDirectory: true })
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "A directory has that name.");
        }

        if (mode == FtpWriteMode.CreateNew && existing is not null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "A file has that name.");
        }

        long kept = mode switch
        {
            FtpWriteMode.Append => existing?.Info.Length ?? 0,
            FtpWriteMode.Resume when offset <= (existing?.Info.Length ?? 0) && offset >= 0 => offset,
            FtpWriteMode.Resume => throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Offset beyond end of file."),
            _ => 0,
        };
        BlockBlobClient blob = _container.GetBlockBlobClient(BlobKeys.Of(_prefix, path));
        return await BlockUpload.OpenAsync(
            new BlockUploadTarget(blob, _options, _sources, _buffers, _logger, NameWasFree: existing is null),
            mode == FtpWriteMode.CreateNew,
            kept > 0 ? new KeptPrefix(kept, existing!.ETag) : null,
            cancellationToken);
    }

    public async ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken)
    {
        Found file = await RequireFileAsync(path, cancellationToken);
        BlobClient blob = _container.GetBlobClient(BlobKeys.Of(_prefix, path));
        bool deleted = await BlobErrors.Call("delete", async () => (await blob.DeleteIfExistsAsync(
            DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = file.ETag }, cancellationToken)).Value, cancellationToken);
        if (!deleted)
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotFound, "The file went away.");
        }
    }

    public ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) =>
        throw new FtpFileSystemException(FtpFileSystemError.NotSupported, "Azure Blob storage keeps no settable modification time.");

    public ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken) =>
        throw new FtpFileSystemException(FtpFileSystemError.NotSupported, "Azure Blob storage has no Unix modes.");

    public async ValueTask<string?> GetStoredChecksumAsync(FtpPath path, FtpChecksumAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (algorithm != FtpChecksumAlgorithm.Md5 || path.IsRoot)
        {
            return null;
        }

        BlobClient blob = _container.GetBlobClient(BlobKeys.Of(_prefix, path));
        BlobProperties? properties = await PropertiesAsync(blob, cancellationToken);
        return properties?.ContentHash is { Length: 16 } md5 ? Convert.ToHexStringLower(md5) : null;
    }

    /// <summary>The entry at <paramref name="path"/> with the ETag of its blob (none for a directory), or null.</summary>
    private async ValueTask<Found?> FindAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            return new Found(new FtpFileInfo("/", true, 0, DateTime.UnixEpoch, DirectoryMode), null);
        }

        string key = BlobKeys.Of(_prefix, path);
        BlobProperties? properties = await PropertiesAsync(_container.GetBlobClient(key), cancellationToken);
        if (properties is not null)
        {
            return new Found(
                new FtpFileInfo(path.Name, false, properties.ContentLength, properties.LastModified.UtcDateTime, FileMode,
                    UniqueId: properties.ETag.ToString().Trim('"')),
                properties.ETag);
        }

        string inside = key + "/";
        BlobItem? first = await BlobErrors.Call("directory lookup", async () =>
        {
            await foreach (Page<BlobItem> page in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = inside }, cancellationToken).AsPages(pageSizeHint: 1))
            {
                return page.Values.Count > 0 ? page.Values[0] : null;
            }

            return null;
        }, cancellationToken);
        if (first is null)
        {
            return null;
        }

        DateTime time = first.Name == inside && first.Properties.LastModified is { } modified ? modified.UtcDateTime : DateTime.UnixEpoch;
        return new Found(new FtpFileInfo(path.Name, true, 0, time, DirectoryMode), null);
    }

    private static async Task<BlobProperties?> PropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (Exception ex) when (BlobErrors.IsStoreFailure(ex, cancellationToken))
        {
            throw BlobErrors.Translate(ex, "properties");
        }
    }

    private async ValueTask<Found> RequireFileAsync(FtpPath path, CancellationToken cancellationToken)
    {
        Found found = await FindAsync(path, cancellationToken)
            ?? throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file.");
        return found.Info.IsDirectory
            ? throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "A directory has that name.")
            : found;
    }

    private async ValueTask RequireDirectoryAsync(FtpPath path, FtpFileSystemError whenFile, CancellationToken cancellationToken)
    {
        Found found = await FindAsync(path, cancellationToken)
            ?? throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such directory.");
        if (!found.Info.IsDirectory)
        {
            throw new FtpFileSystemException(whenFile, "A file has that name.");
        }
    }

    private sealed record Found(FtpFileInfo Info, ETag? ETag);
}
