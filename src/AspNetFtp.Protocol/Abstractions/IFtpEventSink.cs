namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Receives server and session events (the counterparts of django-ftpserver's signals). Events arrive in
/// publish order through this sink's own bounded queue on its own background loop, so a slow sink never
/// stalls a session or another sink. On stop the sink has <c>EventDrainTimeout</c> to receive what is queued;
/// then <c>cancellationToken</c> is cancelled.
/// </summary>
public interface IFtpEventSink
{
    ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken);
}
