using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Bandwidth;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Session;
using AspNetFtp.Protocol.Storage;

namespace AspNetFtp.Protocol.Transfers;

/// <summary>
/// STOR, APPE, STOU (RFC 959 §4.1.3): opens the target only once the data connection is up (a failed
/// connection truncates nothing), completes the upload only when the transfer completed and aborts it
/// otherwise (client ABOR, broken connection, stall). An upload that passes the user's quota (552) or fills the
/// storage (452) is discarded: none of its bytes stay, in any upload mode. The quota usage is settled after
/// every upload from what the target became, and the upload's reservation (<see cref="QuotaReservation"/>) ends with it.
/// </summary>
internal sealed class UploadTransfer(
    FtpCommandContext context, string verb, FtpPath path, Func<CancellationToken, ValueTask<IFtpUpload>> open, bool ascii, UploadBasis basis)
    : DataTransfer(verb, TransferDirection.Upload, path.Value)
{
    private IFtpUpload? _upload;
    private bool _opened;
    private bool _discard;

    public override async Task RunAsync(DataConnection connection, TransferProgress progress, CancellationToken cancellationToken)
    {
        _upload = await open(cancellationToken);
        _opened = true;
        TransferRate? rate = context.RateFor(TransferDirection.Upload);
        QuotaReservation? quota = basis.Quota is { LimitsBytes: true } reservation ? reservation : null;
        Stream source = rate is null && quota is null ? connection.Stream : new MeteredStream(connection.Stream, rate, quota);
        try
        {
            await TransferPump.CopyAsync(source, _upload.Stream,
                ascii ? LineEndingConversion.FromNetwork : LineEndingConversion.None, progress.StallTimeout, progress, cancellationToken);
        }
        catch (FtpFileSystemException ex) when (ex.Error is FtpFileSystemError.QuotaExceeded or FtpFileSystemError.InsufficientStorage)
        {
            _discard = true;
            throw;
        }
        catch (IOException ex) when (ex is not FtpFileSystemException && StorageErrors.IsNoSpace(ex))
        {
            // The disk (or the user's disk quota) is full: the write failed, not the client.
            _discard = true;
            throw new FtpFileSystemException(FtpFileSystemError.InsufficientStorage, "No space left.", ex);
        }
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
        try
        {
            await EndUploadAsync(cancellationToken);
            if (_opened && context.Quota is { } quota)
            {
                await quota.SettleAsync(context.FileSystem, path, basis.Before is { IsDirectory: false } before ? before.Length : null, basis.Quota, cancellationToken);
            }
        }
        finally
        {
            // Whatever failed above (or when the target was never opened), the reservation goes back: a cut,
            // refused or failed upload holds nothing of the user's quota afterwards. A no-op once settled.
            if (basis.Quota is { } reservation)
            {
                await reservation.EndAsync(default, CancellationToken.None);
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

    private async ValueTask EndUploadAsync(CancellationToken cancellationToken)
    {
        if (_upload is not { } upload)
        {
            return;
        }

        // Not completed: the client aborted, the connection broke or the transfer stalled (the upload mode
        // decides what stays), or the quota or the storage refused more (nothing stays).
        _upload = null;
        try
        {
            await (_discard ? upload.DiscardAsync(cancellationToken) : upload.AbortAsync(cancellationToken));
        }
        finally
        {
            await upload.DisposeAsync();
        }

        if (_discard && basis.Before is null)
        {
            await DeleteEmptyNewFileAsync(cancellationToken);
        }
    }

    /// <summary>A file this upload created in place and emptied again is removed, so no empty name stands for a refused upload.</summary>
    private async ValueTask DeleteEmptyNewFileAsync(CancellationToken cancellationToken)
    {
        if (await context.FileSystem.GetInfoAsync(path, cancellationToken) is { IsDirectory: false, Length: 0 })
        {
            await context.FileSystem.DeleteFileAsync(path, cancellationToken);
        }
    }
}
