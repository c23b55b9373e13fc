using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Storage.S3.Errors;

/// <summary>
/// The one place where the SDK's failures become <see cref="FtpFileSystemException"/> kinds. The message names the
/// operation and the key for the log; it never reaches a client (the engine replies from the kind).
/// </summary>
internal static class S3Errors
{
    /// <summary>Whether <paramref name="ex"/> is a failure of the store (or of reaching it) rather than our own cancellation.</summary>
    public static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        FtpFileSystemException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Whether the store said the key, bucket or upload does not exist.</summary>
    public static bool IsNotFound(Exception ex) => ex is AmazonS3Exception s3
        && (s3.StatusCode == HttpStatusCode.NotFound || s3.ErrorCode is "NoSuchKey" or "NotFound" or "NoSuchUpload" or "NoSuchBucket");

    /// <summary>The store's failure as the kind the engine maps to a reply code.</summary>
    public static FtpFileSystemException Translate(Exception ex, string operation, string key)
    {
        if (ex is FtpFileSystemException own)
        {
            return own;
        }

        string where = $"S3 {operation} of '{key}'";
        return ex switch
        {
            _ when IsNotFound(ex) => new(FtpFileSystemError.NotFound, where + ": not found.", ex),
            AmazonS3Exception s3 when s3.StatusCode == HttpStatusCode.Forbidden
                || s3.ErrorCode is "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AllAccessDisabled"
                => new(FtpFileSystemError.AccessDenied, where + ": access denied (" + s3.ErrorCode + ").", ex),
            AmazonS3Exception s3 when s3.ErrorCode is "EntityTooLarge" or "QuotaExceeded"
                => new(FtpFileSystemError.InsufficientStorage, where + ": refused as too large (" + s3.ErrorCode + ").", ex),
            AmazonServiceException service
                => new(FtpFileSystemError.Unavailable, where + $": the store answered {(int)service.StatusCode} {service.ErrorCode}.", ex),
            _ => new(FtpFileSystemError.Unavailable, where + ": the store cannot be reached (" + ex.GetType().Name + ").", ex),
        };
    }

    /// <summary>Runs one store call, translating its failures.</summary>
    public static async Task<T> Run<T>(Func<Task<T>> call, string operation, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            throw Translate(ex, operation, key);
        }
    }

    /// <summary>Runs one store call without a result, translating its failures.</summary>
    public static async Task Run(Func<Task> call, string operation, string key, CancellationToken cancellationToken)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            throw Translate(ex, operation, key);
        }
    }
}
