using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Storage.S3.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AspNetFtp.Storage.S3.DependencyInjection;

/// <summary>Registers the <c>S3</c> storage kind.</summary>
public static class S3StorageBuilderExtensions
{
    /// <summary>
    /// Lets storage profiles (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>) say <c>Kind: S3</c> to keep their users' files
    /// in an S3-compatible bucket. The keys of such a profile are listed in this package's README.
    /// </summary>
    public static FtpServerBuilder AddS3Storage(this FtpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IFtpStorageKind, S3StorageKind>());
        return builder;
    }
}
