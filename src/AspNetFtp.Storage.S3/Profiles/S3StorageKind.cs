using Amazon.S3;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.S3.Profiles;

/// <summary>The <c>S3</c> storage kind: profiles whose <c>Kind</c> is <c>S3</c> keep users' files in an S3-compatible bucket.</summary>
internal sealed class S3StorageKind : IFtpStorageKind
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<S3ProfileOptions, IAmazonS3> _clients;

    /// <summary>The kind DI makes: each profile gets its own SDK client.</summary>
    public S3StorageKind(ILoggerFactory? loggerFactory = null)
        : this(loggerFactory, S3ClientFactory.Create)
    {
    }

    /// <summary>A kind whose profiles use the clients <paramref name="clients"/> makes (tests: a strict fake).</summary>
    internal S3StorageKind(ILoggerFactory? loggerFactory, Func<S3ProfileOptions, IAmazonS3> clients)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _clients = clients;
    }

    /// <summary>The value of a profile's <c>Kind</c> key.</summary>
    public const string KindName = "S3";

    public string Name => KindName;

    public IFtpStorageProfile CreateProfile(string profileName, IConfigurationSection settings)
    {
        S3ProfileOptions options = S3ProfileOptions.Read(profileName, settings);
        return new S3StorageProfile(options, _clients(options), _loggerFactory.CreateLogger<S3StorageProfile>());
    }
}
