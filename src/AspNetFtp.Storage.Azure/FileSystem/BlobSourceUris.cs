using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace AspNetFtp.Storage.Azure.FileSystem;

/// <summary>
/// Read-only SAS URLs of blobs, which the service needs to read a copy source (StageBlockFromUri, StartCopyFromUri):
/// signed with the shared key when the profile has one, otherwise with a user delegation key obtained through the
/// token credential (cached, renewed before it expires). Each URL lives one hour.
/// </summary>
internal sealed class BlobSourceUris(BlobServiceClient service, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan UrlLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(6);
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _key;

    public async ValueTask<Uri> ForReadAsync(BlobBaseClient blob, CancellationToken cancellationToken)
    {
        DateTimeOffset expires = time.GetUtcNow() + UrlLifetime;
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(BlobSasPermissions.Read, expires);
        }

        UserDelegationKey key = await DelegationKeyAsync(cancellationToken);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expires)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
        };
        return new BlobUriBuilder(blob.Uri, trimBlobNameSlashes: false) { Sas = sas.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }

    public void Dispose() => _keyLock.Dispose();

    private async ValueTask<UserDelegationKey> DelegationKeyAsync(CancellationToken cancellationToken)
    {
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = time.GetUtcNow();
            if (_key is null || _key.SignedExpiresOn - now < UrlLifetime + TimeSpan.FromMinutes(5))
            {
                _key = (await service.GetUserDelegationKeyAsync(
                    new BlobGetUserDelegationKeyOptions(now + KeyLifetime) { StartsOn = now - TimeSpan.FromMinutes(5) },
                    cancellationToken)).Value;
            }

            return _key;
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
