using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.S3.Profiles;

/// <summary>The <c>S3</c> storage kind: profiles whose <c>Kind</c> is <c>S3</c> keep users' files in an S3-compatible bucket.</summary>
internal sealed class S3StorageKind(ILoggerFactory? loggerFactory = null) : IFtpStorageKind
{
    /// <summary>The value of a profile's <c>Kind</c> key.</summary>
    public const string KindName = "S3";

    public string Name => KindName;

    public IFtpStorageProfile CreateProfile(string profileName, IConfigurationSection settings)
    {
        S3ProfileOptions options = S3ProfileOptions.Read(profileName, settings);
        return new S3StorageProfile(options, S3ClientFactory.Create(options), (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<S3StorageProfile>());
    }
}
