using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.S3.Errors;

namespace AspNetFtp.Storage.S3.Listing;

/// <summary>
/// One directory's entries from ListObjectsV2 with the <c>/</c> delimiter, page by page: each page's entries are yielded
/// as the page arrives, so a directory of any size costs one page of memory. Objects are files (the directory's own
/// marker is skipped), common prefixes are directories; names a client could not name again are left out.
/// </summary>
internal static class S3Listing
{
    /// <summary>The store's largest page.</summary>
    public const int PageSize = 1000;

    /// <summary>Mode shown for files (0644): object stores have no Unix modes.</summary>
    public const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Mode shown for directories (0755).</summary>
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static async IAsyncEnumerable<FtpFileInfo> ListAsync(
        IAmazonS3 s3, string bucket, string directoryPrefix, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        for (int page = 0; page < int.MaxValue; page++)
        {
            var request = new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = directoryPrefix,
                Delimiter = "/",
                MaxKeys = pageSize,
                ContinuationToken = token,
            };
            ListObjectsV2Response response = await S3Errors.Run(
                () => s3.ListObjectsV2Async(request, cancellationToken), "ListObjectsV2", directoryPrefix, cancellationToken);
            foreach (S3Object item in response.S3Objects ?? [])
            {
                string name = item.Key[directoryPrefix.Length..];
                if (S3KeyMap.IsNameable(name))
                {
                    yield return FileOf(name, item.Size ?? 0, item.LastModified, item.ETag);
                }
            }

            foreach (string common in response.CommonPrefixes ?? [])
            {
                string name = common[directoryPrefix.Length..].TrimEnd('/');
                if (common.EndsWith('/') && S3KeyMap.IsNameable(name))
                {
                    yield return DirectoryOf(name, null);
                }
            }

            token = response.NextContinuationToken;
            if (response.IsTruncated != true || string.IsNullOrEmpty(token))
            {
                yield break;
            }
        }
    }

    public static FtpFileInfo FileOf(string name, long length, DateTime? lastModified, string? etag) =>
        new(name, false, length, ToUtc(lastModified), FileMode, UniqueId: etag?.Trim('"'));

    public static FtpFileInfo DirectoryOf(string name, DateTime? lastModified) =>
        new(name, true, 0, ToUtc(lastModified), DirectoryMode);

    public static DateTime ToUtc(DateTime? time) => time switch
    {
        null => DateTime.UnixEpoch,
        { Kind: DateTimeKind.Utc } utc => utc,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
    };
}
