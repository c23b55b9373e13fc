using System.Net;
using Amazon.Runtime;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.S3.Errors;
using AspNetFtp.Storage.S3.Tests.Fakes;
using static AspNetFtp.Storage.S3.Tests.Fakes.FakeS3Store;

namespace AspNetFtp.Storage.S3.Tests.Unit;

public sealed class S3ErrorsTests
{
    public static TheoryData<Exception, FtpFileSystemError> Failures => new()
    {
        { StrictFakeS3.Error("NoSuchKey", HttpStatusCode.NotFound), FtpFileSystemError.NotFound },
        { StrictFakeS3.Error("AccessDenied", HttpStatusCode.Forbidden), FtpFileSystemError.AccessDenied },
        { StrictFakeS3.Error("InvalidAccessKeyId", HttpStatusCode.Forbidden), FtpFileSystemError.AccessDenied },
        { StrictFakeS3.Error("InternalError", HttpStatusCode.InternalServerError), FtpFileSystemError.Unavailable },
        { StrictFakeS3.Error("SlowDown", HttpStatusCode.ServiceUnavailable), FtpFileSystemError.Unavailable },
        { new HttpRequestException("connection refused"), FtpFileSystemError.Unavailable },
        { new IOException("reset"), FtpFileSystemError.Unavailable },
        { new AmazonClientException("timeout"), FtpFileSystemError.Unavailable },
        { new TaskCanceledException("HttpClient timeout"), FtpFileSystemError.Unavailable },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_store_failure_maps_to_one_kind(Exception failure, FtpFileSystemError kind)
    {
        Assert.True(S3Errors.IsStoreFailure(failure, CancellationToken.None));
        Assert.Equal(kind, S3Errors.Translate(failure, "GetObject", "k").Error);
    }

    [Fact]
    public void A_cancellation_by_our_own_token_is_not_a_store_failure()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.False(S3Errors.IsStoreFailure(new OperationCanceledException(cts.Token), cts.Token));
    }

    [Fact]
    public async Task A_store_that_is_down_gives_Unavailable_for_every_operation()
    {
        (S3FileSystem fs, StrictFakeS3 s3) = Create();
        s3.Fail = _ => new HttpRequestException("connection refused");

        Assert.Equal(FtpFileSystemError.Unavailable, (await Assert.ThrowsAsync<FtpFileSystemException>(() => fs.GetInfoAsync(P("/f"), default).AsTask())).Error);
        Assert.Equal(FtpFileSystemError.Unavailable, (await Assert.ThrowsAsync<FtpFileSystemException>(() => fs.CreateDirectoryAsync(P("/d"), default).AsTask())).Error);
        Assert.Equal(FtpFileSystemError.Unavailable, (await Assert.ThrowsAsync<FtpFileSystemException>(async () =>
        {
            await foreach (FtpFileInfo _ in fs.ListAsync(P("/"), default))
            {
            }
        })).Error);
    }
}
