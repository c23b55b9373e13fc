using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using Azure;
using Azure.Identity;

namespace AspNetFtp.Storage.Azure.Errors;

/// <summary>
/// The one place where Azure SDK failures become <see cref="FtpFileSystemException"/> kinds. The message of the
/// result goes to the log only and names the operation, never the SDK's text, a key or a URL.
/// </summary>
internal static class BlobErrors
{
    /// <summary>Whether <paramref name="ex"/> is a store failure to translate (not a cancellation the caller asked for).</summary>
    public static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not FtpFileSystemException
        && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && ex is RequestFailedException or AggregateException or HttpRequestException or IOException or SocketException
            or OperationCanceledException or TimeoutException or AuthenticationFailedException or CredentialUnavailableException;

    /// <summary>The kind of <paramref name="ex"/>, with <paramref name="operation"/> as the log message.</summary>
    public static FtpFileSystemException Translate(Exception ex, string operation)
    {
        if (ex is FtpFileSystemException f)
        {
            return f;
        }

        FtpFileSystemError error = Unwrap(ex) switch
        {
            RequestFailedException { Status: 404 } => FtpFileSystemError.NotFound,
            RequestFailedException { Status: 403 } or RequestFailedException { Status: 401 } => FtpFileSystemError.AccessDenied,
            RequestFailedException { Status: 409, ErrorCode: "BlobAlreadyExists" } => FtpFileSystemError.AlreadyExists,
            _ => FtpFileSystemError.Unavailable,
        };
        return new FtpFileSystemException(error, $"Azure Blob storage: {operation} failed ({Describe(ex)}).", ex);
    }

    /// <summary>The HTTP status of a request failure inside <paramref name="ex"/>, 0 when there is none.</summary>
    public static int StatusOf(Exception ex) => Unwrap(ex) is RequestFailedException r ? r.Status : 0;

    /// <summary>The service's error code of a request failure inside <paramref name="ex"/>, or null.</summary>
    public static string? ErrorCodeOf(Exception ex) => (Unwrap(ex) as RequestFailedException)?.ErrorCode;

    /// <summary>Runs one store call, translating its failures.</summary>
    public static async Task<T> Call<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            throw Translate(ex, operation);
        }
    }

    /// <summary>Runs one store call without a result, translating its failures.</summary>
    public static async Task Call(string operation, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            throw Translate(ex, operation);
        }
    }

    // The SDK's retry policy gives up with an AggregateException holding each attempt's failure: the last one counts.
    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions.Count: > 0 } aggregate ? Unwrap(aggregate.InnerExceptions[^1]) : ex;

    // Status and error code only: the SDK's message can hold the request URL.
    private static string Describe(Exception ex) => Unwrap(ex) switch
    {
        RequestFailedException r => $"HTTP {r.Status} {r.ErrorCode}",
        Exception inner => inner.GetType().Name,
    };
}
