using System.Runtime.CompilerServices;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.Azure.Errors;
using AspNetFtp.Storage.Azure.FileSystem;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Storage.Azure.Listing;

/// <summary>
/// One directory's entries through GetBlobsByHierarchy with the <c>/</c> delimiter, page by page (up to
/// <see cref="PageSize"/> entries each), each page's entries yielded as the page arrives: a listing of any size holds
/// one page. Blobs are files (the directory's own marker left out), common prefixes are directories; names an FTP
/// client could not name again are left out.
/// </summary>
internal static class BlobListing
{
    /// <summary>The most entries the service returns in one page.</summary>
    public const int PageSize = 1000;

    public static async IAsyncEnumerable<FtpFileInfo> ListAsync(
        BlobContainerClient container, string inside, [EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = PageSize)
    {
        var options = new GetBlobsByHierarchyOptions { Delimiter = "/", Prefix = inside.Length == 0 ? null : inside };
        IAsyncEnumerator<Page<BlobHierarchyItem>> pages = container.GetBlobsByHierarchyAsync(options, cancellationToken)
            .AsPages(continuationToken: null, pageSizeHint: pageSize)
            .GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await NextPageAsync(pages, cancellationToken))
            {
                foreach (BlobHierarchyItem item in pages.Current.Values)
                {
                    if (ToEntry(item, inside) is { } entry)
                    {
                        yield return entry;
                    }
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    /// <summary>The entry a listed item stands for, or null when it is the directory's marker or has an unnameable name.</summary>
    public static FtpFileInfo? ToEntry(BlobHierarchyItem item, string inside)
    {
        if (item.IsPrefix)
        {
            string name = item.Prefix[inside.Length..^1];
            return BlobKeys.IsNameable(name)
                ? new FtpFileInfo(name, true, 0, DateTime.UnixEpoch, AzureBlobFileSystem.DirectoryMode)
                : null;
        }

        BlobItem blob = item.Blob;
        string fileName = blob.Name[inside.Length..];
        if (!BlobKeys.IsNameable(fileName))
        {
            return null;
        }

        BlobItemProperties properties = blob.Properties;
        return new FtpFileInfo(
            fileName,
            false,
            properties.ContentLength ?? 0,
            properties.LastModified?.UtcDateTime ?? DateTime.UnixEpoch,
            AzureBlobFileSystem.FileMode,
            UniqueId: properties.ETag?.ToString().Trim('"'));
    }

    // The last page's continuation token is "" on azurite and null on Azure: the SDK's pager stops on both.
    private static async ValueTask<bool> NextPageAsync(IAsyncEnumerator<Page<BlobHierarchyItem>> pages, CancellationToken cancellationToken)
    {
        try
        {
            return await pages.MoveNextAsync();
        }
        catch (Exception ex) when (BlobErrors.IsStoreFailure(ex, cancellationToken))
        {
            throw BlobErrors.Translate(ex, "listing");
        }
    }
}
