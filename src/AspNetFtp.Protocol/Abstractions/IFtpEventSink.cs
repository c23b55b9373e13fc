namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Receives server and session events (the counterparts of django-ftpserver's signals). Events arrive
/// through a bounded queue on a background loop, so a slow sink never stalls a session.
/// </summary>
public interface IFtpEventSink
{
    ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken);
}
