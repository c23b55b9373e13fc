using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Storage.Profiles;
using AspNetFtp.Storage.S3.Uploads;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.S3.Profiles;

/// <summary>
/// One S3 profile: one SDK client shared by its users' file systems (each on its own prefix), and the readiness check
/// that reaches the bucket.
/// </summary>
internal sealed class S3StorageProfile(S3ProfileOptions options, IAmazonS3 s3, ILogger logger) : IFtpStorageProfile
{
    /// <summary>How long the readiness check waits for the store.</summary>
    internal static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(15);

    public FtpFileSystemCapabilities Capabilities => S3FileSystem.SupportedCapabilities;

    internal S3ProfileOptions Options => options;

    /// <summary>The part buffers every user of the profile uploads through.</summary>
    internal UploadBufferPool Buffers { get; } = new(options.UploadConcurrency + 1);

    public IFtpFileSystem Create(FtpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        string prefix = UserNameTemplate.Expand(options.Prefix, user.Name);
        return new S3FileSystem(s3, options, prefix, Buffers, logger);
    }

    /// <summary>Lists at most one key under the profile's fixed prefix: the bucket exists, and answers these credentials.</summary>
    public async Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        string name = $"Storage profile '{options.ProfileName}'";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            var request = new ListObjectsV2Request { BucketName = options.Bucket, Prefix = FixedPrefix(options.Prefix), MaxKeys = 1 };
            await s3.ListObjectsV2Async(request, timeout.Token);
            return FtpReadiness.Ready;
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket" || (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode is null or "NotFound"))
        {
            return FtpReadiness.Broken($"{name}: bucket '{options.Bucket}' does not exist at {options.Where} ({ProfileSettings.KeyOf(options.ProfileName, "Bucket")}).");
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Forbidden
            || ex.ErrorCode is "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch")
        {
            return FtpReadiness.Broken(
                $"{name}: {options.Where} refused the credentials for bucket '{options.Bucket}' ({ex.ErrorCode}; "
                + $"{ProfileSettings.KeyOf(options.ProfileName, "AccessKey")}/SecretKey, or the default AWS credential chain).");
        }
        catch (AmazonServiceException ex)
        {
            return FtpReadiness.Broken($"{name}: {options.Where} answered {(int)ex.StatusCode} {ex.ErrorCode} for bucket '{options.Bucket}'.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FtpReadiness.Broken($"{name}: cannot reach {options.Where} (no answer in {CheckTimeout.TotalSeconds:0} s).");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException
            || (ex is AmazonClientException && ex.InnerException is HttpRequestException or IOException))
        {
            return FtpReadiness.Broken($"{name}: cannot reach {options.Where} ({ex.GetType().Name}).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Such as no credentials found by the SDK's default chain: the check never throws.
            return FtpReadiness.Broken(
                $"{name}: cannot use {options.Where} ({ex.GetType().Name}); check the credentials "
                + $"({ProfileSettings.KeyOf(options.ProfileName, "AccessKey")}/SecretKey, or the default AWS credential chain) and the endpoint.");
        }
    }

    public ValueTask DisposeAsync()
    {
        s3.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The part of the prefix before <c>{username}</c>, cut back to its last <c>/</c>.</summary>
    internal static string FixedPrefix(string prefix)
    {
        int user = prefix.IndexOf(UserNameTemplate.Placeholder, StringComparison.OrdinalIgnoreCase);
        if (user < 0)
        {
            return prefix;
        }

        int slash = prefix.LastIndexOf('/', Math.Max(user - 1, 0));
        return user == 0 || slash < 0 ? string.Empty : prefix[..(slash + 1)];
    }
}
