using System.Globalization;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Identity.Audit;

/// <summary>Turns an FTP event into its audit row: the event's type name as the kind, text masked and cut to its column.</summary>
internal static class FtpAuditEntryMapper
{
    public static FtpAuditEntry FromEvent(FtpEvent ftpEvent)
    {
        var entry = new FtpAuditEntry
        {
            TimeUtc = ftpEvent.Timestamp.UtcDateTime,
            Kind = ftpEvent.GetType().Name,
            UserName = AuditText.Clean(ftpEvent.UserName, FtpAuditEntry.MaxNameLength),
            RemoteAddress = ftpEvent.RemoteEndPoint?.Address.ToString(),
            RemotePort = ftpEvent.RemoteEndPoint?.Port,
            SessionId = AuditText.Clean(ftpEvent.SessionId, FtpAuditEntry.MaxSessionIdLength),
        };
        switch (ftpEvent)
        {
            case FileTransferEvent transfer:
                entry.Path = AuditText.Clean(transfer.Path, FtpAuditEntry.MaxTextLength);
                entry.Bytes = transfer.Bytes;
                entry.DurationMs = (long)transfer.Duration.TotalMilliseconds;
                entry.Succeeded = transfer.Complete;
                break;
            case FileDeleted deleted:
                entry.Path = AuditText.Clean(deleted.Path, FtpAuditEntry.MaxTextLength);
                break;
            case FileRenamed renamed:
                entry.Path = AuditText.Clean(renamed.FromPath, FtpAuditEntry.MaxTextLength);
                entry.TargetPath = AuditText.Clean(renamed.ToPath, FtpAuditEntry.MaxTextLength);
                break;
            case DirectoryCreated created:
                entry.Path = AuditText.Clean(created.Path, FtpAuditEntry.MaxTextLength);
                break;
            case DirectoryDeleted removed:
                entry.Path = AuditText.Clean(removed.Path, FtpAuditEntry.MaxTextLength);
                break;
            case LoginFailed failed:
                entry.Succeeded = false;
                entry.Detail = failed.Reason.ToString();
                break;
            case ClientDisconnected disconnected:
                entry.DurationMs = (long)disconnected.Duration.TotalMilliseconds;
                break;
            case AddressBanned banned:
                entry.RemoteAddress = AuditText.Clean(banned.Ban.Address, FtpAuditEntry.MaxAddressLength);
                entry.Actor = AuditText.Clean(banned.Ban.CreatedBy, FtpAuditEntry.MaxNameLength);
                entry.DurationMs = banned.Ban.Expires is { } end ? (long)(end - banned.Ban.Created).TotalMilliseconds : null;
                entry.Detail = AuditText.Clean(
                    string.Create(CultureInfo.InvariantCulture, $"offence {banned.Ban.Offences}, until {(banned.Ban.Expires is { } until ? until.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) : "lifted")}: {banned.Ban.Reason}"),
                    FtpAuditEntry.MaxTextLength);
                break;
            case AddressBanLifted lifted:
                entry.RemoteAddress = AuditText.Clean(lifted.Address, FtpAuditEntry.MaxAddressLength);
                entry.Actor = AuditText.Clean(lifted.LiftedBy, FtpAuditEntry.MaxNameLength);
                break;
            case AddressScored scored:
                entry.RemoteAddress = AuditText.Clean(scored.Address, FtpAuditEntry.MaxAddressLength);
                entry.Succeeded = false;
                entry.Detail = string.Create(CultureInfo.InvariantCulture, $"{scored.Reason} +{scored.Points} = {scored.Score}");
                break;
            case ServerStarted started:
                entry.Detail = AuditText.Clean(
                    string.Join(", ", started.EndPoints.Select(e => Convert.ToString(e, CultureInfo.InvariantCulture))), FtpAuditEntry.MaxTextLength);
                break;
        }

        return entry;
    }
}
