using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Bandwidth;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Transfers;

/// <summary>
/// RETR (RFC 959 §4.1.3): sends the stream the storage opened when the command arrived, with sendfile when it
/// is a local file on a plain connection in TYPE I, through the pooled pump otherwise; either at the session's and
/// the server's download rates when there are any.
/// </summary>
internal sealed class DownloadTransfer(FtpCommandContext context, string path, Stream source, long offset, bool ascii)
    : DataTransfer("RETR", TransferDirection.Download, path)
{
    private Stream? _source = source;

    public override async Task RunAsync(DataConnection connection, TransferProgress progress, CancellationToken cancellationToken)
    {
        TransferRate? rate = context.RateFor(TransferDirection.Download);
        if (!ascii && !connection.IsTls && context.Options.UseSendfile && _source is FileStream { IsAsync: true } file
            && (context.FileSystem.Capabilities & FtpFileSystemCapabilities.LocalFiles) != 0)
        {
            await ZeroCopySender.SendAsync(connection.Socket, file, offset, progress.StallTimeout, progress, cancellationToken, rate);
            return;
        }

        await TransferPump.CopyAsync(_source!, rate is null ? connection.Stream : new MeteredStream(connection.Stream, rate, quota: null),
            ascii ? LineEndingConversion.ToNetwork : LineEndingConversion.None, progress.StallTimeout, progress, cancellationToken);
    }

    public override async ValueTask FinishAsync(TransferOutcome outcome, CancellationToken cancellationToken)
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
            _source = null;
        }

        FtpLog.Transfer(context.Logger, "sent", Path!, outcome.Bytes, outcome.Complete ? "complete" : "incomplete");
        if (!outcome.Connected)
        {
            // No data connection, nothing sent: the transfer never started, so no event.
            return;
        }

        FileTransferEvent sent = outcome.Complete
            ? new FileSent(context.Now, Path!, outcome.Bytes)
            : new FileSentIncomplete(context.Now, Path!, outcome.Bytes);
        context.Publish(sent with { Duration = outcome.Duration });
    }
}
