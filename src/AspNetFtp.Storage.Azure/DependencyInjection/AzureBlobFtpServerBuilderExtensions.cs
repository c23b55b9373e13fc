using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Storage.Azure.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.Azure;

/// <summary>Adds the <c>AzureBlob</c> storage kind to an FTP server.</summary>
public static class AzureBlobFtpServerBuilderExtensions
{
    /// <summary>
    /// Lets storage profiles (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>) say <c>Kind: AzureBlob</c>: block blobs in one
    /// container, reached with <c>ConnectionString</c> or with <c>Endpoint</c> and the default Azure credential.
    /// </summary>
    public static FtpServerBuilder AddAzureBlobStorage(this FtpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IFtpStorageKind, AzureBlobStorageKind>(sp =>
            new AzureBlobStorageKind(sp.GetRequiredService<ILoggerFactory>(), sp.GetService<TimeProvider>())));
        return builder;
    }
}
