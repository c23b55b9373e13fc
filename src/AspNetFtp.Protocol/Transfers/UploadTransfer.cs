using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Transfers;

/// <summary>
/// STOR, APPE, STOU (RFC 959 §4.1.3): opens the target only once the data connection is up (a failed
/// connection truncates nothing), completes the upload only when the transfer completed and aborts it
/// otherwise (client ABOR, broken connection, stall).
/// </summary>
internal sealed class UploadTransfer(FtpCommandContext context, string verb, string path, Func<CancellationToken, ValueTask<IFtpUpload>> open, bool ascii)
    : DataTransfer(verb, TransferDirection.Upload, path)
{
    private IFtpUpload? _upload;
    private bool _opened;

    public override async Task RunAsync(DataConnection connection, TransferProgress progress, CancellationToken cancellationToken)
    {
        _upload = await open(cancellationToken);
        _opened = true;
        await TransferPump.CopyAsync(connection.Stream, _upload.Stream,
            ascii ? LineEndingConversion.FromNetwork : LineEndingConversion.None, progress.StallTimeout, progress, cancellationToken);
    }

    public override async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_upload is { } upload)
        {
            _upload = null;
            try
            {
                await upload.CompleteAsync(cancellationToken);
            }
            finally
            {
                await upload.DisposeAsync();
            }
        }
    }

    public override async ValueTask FinishAsync(TransferOutcome outcome, CancellationToken cancellationToken)
    {
        if (_upload is { } upload)
        {
            // Not completed: the client aborted, the connection broke or the transfer stalled.
            _upload = null;
            try
            {
                await upload.AbortAsync(cancellationToken);
            }
            finally
            {
                await upload.DisposeAsync();
            }
        }

        FtpLog.Transfer(context.Logger, "received", Path!, outcome.Bytes, outcome.Complete ? "complete" : "incomplete");
        if (!_opened)
        {
            // No data connection, or the target could not be opened: nothing was received, so no event.
            return;
        }

        FileTransferEvent received = outcome.Complete
            ? new FileReceived(context.Now, Path!, outcome.Bytes)
            : new FileReceivedIncomplete(context.Now, Path!, outcome.Bytes);
        context.Publish(received with { Duration = outcome.Duration });
    }
}
