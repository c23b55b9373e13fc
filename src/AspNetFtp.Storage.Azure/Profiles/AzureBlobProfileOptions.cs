using Azure.Storage;

namespace AspNetFtp.Storage.Azure.Profiles;

/// <summary>One <c>AzureBlob</c> profile's settings, read and checked by <see cref="AzureBlobProfileReader"/>.</summary>
internal sealed record AzureBlobProfileOptions
{
    /// <summary>The default size of a staged block (<c>BlockSize</c>): 8 MiB.</summary>
    public const long DefaultBlockSize = 8L << 20;

    /// <summary>The smallest <c>BlockSize</c>: 1 MiB.</summary>
    public const long MinimumBlockSize = 1L << 20;

    /// <summary>The largest <c>BlockSize</c>: 256 MiB (each upload holds <c>UploadConcurrency + 1</c> of them).</summary>
    public const long MaximumBlockSize = 256L << 20;

    /// <summary>The profile's name, for messages.</summary>
    public required string ProfileName { get; init; }

    /// <summary>The storage account's connection string (a secret: never logged), or null when <see cref="Endpoint"/> is used.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The blob service URL, used with the default Azure credential; null with a connection string.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The container holding every user's blobs.</summary>
    public required string Container { get; init; }

    /// <summary>The key prefix, empty or ending with one <c>/</c>; may hold <c>{username}</c>.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>The size of the first staged blocks of an upload; later ones grow (<c>BlockSizePlan</c>).</summary>
    public long BlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Blocks being staged at once per upload, 1..16.</summary>
    public int UploadConcurrency { get; init; } = 2;

    /// <summary>Whether RNFR/RNTO of a directory copies every blob under it (otherwise refused with 550).</summary>
    public bool AllowDirectoryRename { get; init; }

    /// <summary>The SDK's retries of a failed request (exponential back-off).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The SDK's network timeout of one request attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The checksum sent with each staged block and checked by the service.</summary>
    public StorageChecksumAlgorithm TransferChecksum { get; init; } = StorageChecksumAlgorithm.MD5;
}
