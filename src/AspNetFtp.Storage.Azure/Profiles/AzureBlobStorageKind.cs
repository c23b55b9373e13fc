using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.Azure.Profiles;

/// <summary>
/// The <c>AzureBlob</c> storage kind: a profile's blobs live in one container of an Azure storage account (or an
/// emulator), under a key prefix that may hold <c>{username}</c>. Registered by <c>AddAzureBlobStorage()</c>.
/// </summary>
internal sealed class AzureBlobStorageKind(ILoggerFactory loggerFactory, TimeProvider? time = null) : IFtpStorageKind
{
    /// <summary>The value of a profile's <c>Kind</c> key.</summary>
    public const string KindName = "AzureBlob";

    public string Name => KindName;

    public IFtpStorageProfile CreateProfile(string profileName, IConfigurationSection settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AzureBlobProfileOptions options = AzureBlobProfileReader.Read(profileName, settings);
        return new AzureBlobStorageProfile(options, loggerFactory.CreateLogger<AzureBlobStorageProfile>(), time ?? TimeProvider.System);
    }
}
