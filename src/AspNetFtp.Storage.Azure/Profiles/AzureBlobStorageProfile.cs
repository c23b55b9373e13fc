using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Storage.Profiles;
using AspNetFtp.Storage.Azure.Errors;
using AspNetFtp.Storage.Azure.FileSystem;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.Azure.Profiles;

/// <summary>
/// One <c>AzureBlob</c> profile: the SDK client of its container (made without reaching the store), each user's file
/// system under the profile's prefix, and the readiness check that reaches the container.
/// </summary>
internal sealed class AzureBlobStorageProfile : IFtpStorageProfile
{
    /// <summary>How long <see cref="CheckAsync"/> waits for the store before calling it unreachable.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(15);

    private readonly AzureBlobProfileOptions _options;
    private readonly ILogger _logger;
    private readonly BlobSourceUris _sources;

    public AzureBlobStorageProfile(AzureBlobProfileOptions options, ILogger logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        // With an endpoint the client signs its requests with tokens from the default Azure credential chain.
        Credential = options.ConnectionString is null ? new DefaultAzureCredential() : null;
        BlobServiceClient service = CreateService(options, Credential);
        Container = service.GetBlobContainerClient(options.Container);
        _sources = new BlobSourceUris(service, time);
        Buffers = new UploadBufferPool(options.UploadConcurrency + 1);
        Endpoint = service.Uri.GetLeftPart(UriPartial.Path);
    }

    /// <summary>The SDK client of the profile's container (made without reaching the store).</summary>
    internal BlobContainerClient Container { get; }

    /// <summary>The token credential of an <c>Endpoint</c> profile (<see cref="DefaultAzureCredential"/>); null with a connection string (its shared key).</summary>
    internal TokenCredential? Credential { get; }

    /// <summary>
    /// The block buffers of this profile's uploads: at most <c>UploadConcurrency + 1</c> kept between uploads, none per
    /// thread (<c>ArrayPool&lt;byte&gt;.Shared</c> kept an 8 MiB block per thread that had returned one).
    /// </summary>
    internal UploadBufferPool Buffers { get; }

    public FtpFileSystemCapabilities Capabilities => AzureBlobFileSystem.SupportedCapabilities;

    /// <summary>The blob service URL without a query (no SAS), for messages.</summary>
    public string Endpoint { get; }

    public IFtpFileSystem Create(FtpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        string prefix = UserNameTemplate.Expand(_options.Prefix, user.Name);
        return new AzureBlobFileSystem(Container, prefix, _options, _sources, Buffers, _logger);
    }

    public async Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        string name = _options.ProfileName;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await Container.GetPropertiesAsync(cancellationToken: timeout.Token);
            return FtpReadiness.Ready;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FtpReadiness.Broken($"Storage profile '{name}': cannot reach {Endpoint} within {CheckTimeout.TotalSeconds:0} seconds.");
        }
        catch (Exception ex) when (BlobErrors.IsStoreFailure(ex, cancellationToken) || ex is ArgumentException)
        {
            return FtpReadiness.Broken((BlobErrors.StatusOf(ex), BlobErrors.ErrorCodeOf(ex)) switch
            {
                (404, _) => $"Storage profile '{name}': container '{_options.Container}' does not exist at {Endpoint}.",
                (403 or 401, _) => $"Storage profile '{name}': {Endpoint} refused the credentials ({CredentialKey}).",
                _ when ex is AuthenticationFailedException or CredentialUnavailableException =>
                    $"Storage profile '{name}': the default Azure credential could not get a token for {Endpoint} ({CredentialKey}).",
                (0, _) => $"Storage profile '{name}': cannot reach {Endpoint}.",
                var (status, code) => $"Storage profile '{name}': {Endpoint} answered HTTP {status} {code}.",
            });
        }
    }

    public ValueTask DisposeAsync()
    {
        _sources.Dispose();
        return ValueTask.CompletedTask;
    }

    private string CredentialKey => ProfileSettings.KeyOf(_options.ProfileName, _options.ConnectionString is null ? "Endpoint" : "ConnectionString");

    private static BlobServiceClient CreateService(AzureBlobProfileOptions options, TokenCredential? credential)
    {
        var clientOptions = new BlobClientOptions
        {
            // A directory marker is the blob "<key>/": its name must reach the service with its trailing slash.
            TrimBlobNameSlashes = false,
            Retry =
            {
                Mode = RetryMode.Exponential,
                MaxRetries = options.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(15),
                NetworkTimeout = options.RequestTimeout,
            },
            TransferValidation =
            {
                Upload = { ChecksumAlgorithm = options.TransferChecksum },
                // Ranged reads are streamed as they come; the service's range checksums would cut them into 4 MiB pieces.
                Download = { ChecksumAlgorithm = StorageChecksumAlgorithm.None },
            },
        };
        if (options.ConnectionString is { } connectionString)
        {
            try
            {
                return new BlobServiceClient(connectionString, clientOptions);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // Never the connection string itself in the message: it holds the account key.
                throw new FtpStorageProfileException(
                    $"Storage profile '{options.ProfileName}': {ProfileSettings.KeyOf(options.ProfileName, "ConnectionString")} is not a valid Azure Storage connection string.");
            }
        }

        return new BlobServiceClient(options.Endpoint!, credential!, clientOptions);
    }
}
