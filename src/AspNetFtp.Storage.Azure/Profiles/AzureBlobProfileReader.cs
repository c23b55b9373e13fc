using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage.Profiles;
using Azure.Storage;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Storage.Azure.Profiles;

/// <summary>
/// Reads and checks every key of an <c>AzureBlob</c> profile, reaching nothing: a wrong value is an
/// <see cref="FtpStorageProfileException"/> naming the key (through <see cref="ProfileSettings"/>), never quoting a secret.
/// </summary>
internal static class AzureBlobProfileReader
{
    public static AzureBlobProfileOptions Read(string profile, IConfiguration section)
    {
        string? connectionString = ProfileSettings.Optional(section, "ConnectionString");
        string? endpointText = ProfileSettings.Optional(section, "Endpoint");
        if ((connectionString is null) == (endpointText is null))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{profile}': set exactly one of {ProfileSettings.KeyOf(profile, "ConnectionString")} and {ProfileSettings.KeyOf(profile, "Endpoint")} (the blob service URL, used with the default Azure credential).");
        }

        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("https" or "http")
                || !string.IsNullOrEmpty(endpoint.UserInfo) || !string.IsNullOrEmpty(endpoint.Query)))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {ProfileSettings.KeyOf(profile, "Endpoint")} must be the blob service URL (https://<account>.blob.core.windows.net/), without a query.");
        }

        string container = ProfileSettings.Required(section, profile, "Container");
        if (!IsContainerName(container))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {ProfileSettings.KeyOf(profile, "Container")} '{container}' is not a container name (3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit).");
        }

        return new AzureBlobProfileOptions
        {
            ProfileName = profile,
            ConnectionString = connectionString,
            Endpoint = endpoint,
            Container = container,
            Prefix = ProfileSettings.KeyPrefix(section, profile),
            BlockSize = ProfileSettings.Size(section, profile, "BlockSize", AzureBlobProfileOptions.DefaultBlockSize,
                AzureBlobProfileOptions.MinimumBlockSize, AzureBlobProfileOptions.MaximumBlockSize),
            UploadConcurrency = ProfileSettings.Int(section, profile, "UploadConcurrency", 2, 1, 16),
            AllowDirectoryRename = ProfileSettings.Bool(section, profile, "AllowDirectoryRename", false),
            MaxRetries = ProfileSettings.Int(section, profile, "MaxRetries", 4, 0, 20),
            RequestTimeout = ProfileSettings.Time(section, profile, "RequestTimeout", TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            TransferChecksum = ReadChecksum(profile, section),
        };
    }

    private static StorageChecksumAlgorithm ReadChecksum(string profile, IConfiguration section) =>
        ProfileSettings.Optional(section, "TransferChecksum")?.ToUpperInvariant() switch
        {
            null or "MD5" => StorageChecksumAlgorithm.MD5,
            "NONE" => StorageChecksumAlgorithm.None,
            "CRC64" => StorageChecksumAlgorithm.StorageCrc64,
            _ => throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {ProfileSettings.KeyOf(profile, "TransferChecksum")} is '{section["TransferChecksum"]}'; use MD5, CRC64 or None."),
        };

    /// <summary>Azure's rule: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
}
