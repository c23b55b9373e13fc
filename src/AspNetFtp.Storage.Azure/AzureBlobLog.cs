using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.Azure;

/// <summary>Every log line of the Azure Blob storage, with stable event ids (never a key, a URL with a SAS, or a secret).</summary>
internal static partial class AzureBlobLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "Azure Blob upload aborted: nothing committed; {StagedBlocks} staged block(s) dropped with the uncommitted name, or left to expire on an existing blob.")]
    public static partial void UploadAborted(ILogger logger, int stagedBlocks);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Azure Blob upload aborted: its staged blocks could not be dropped ({Failure}); the service drops them after a week.")]
    public static partial void StagedBlocksKept(ILogger logger, string failure);
}
