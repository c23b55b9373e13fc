using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Transfers;

/// <summary>LIST, NLST, MLSD (RFC 959 §4.1.3, RFC 3659 §7): streams the entries as the storage reads them.</summary>
internal sealed class ListingTransfer(FtpCommandContext context, string verb, FtpPath path, FtpFileInfo entry, Func<FtpFileInfo, DateTime, string> format)
    : DataTransfer(verb, TransferDirection.Listing, path.Value)
{
    public override async Task RunAsync(DataConnection connection, TransferProgress progress, CancellationToken cancellationToken)
    {
        DateTime now = context.Now.UtcDateTime;
        await using var writer = new ListingWriter(connection.Stream, progress);
        if (entry.IsDirectory)
        {
            await foreach (FtpFileInfo child in context.FileSystem.ListAsync(path, cancellationToken))
            {
                await writer.WriteLineAsync(format(child, now), cancellationToken);
            }
        }
        else
        {
            await writer.WriteLineAsync(format(entry with { Name = path.Name }, now), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    public override ValueTask FinishAsync(TransferOutcome outcome, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
