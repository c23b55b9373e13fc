namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Receives server and session events (the counterparts of django-ftpserver's signals). Events arrive in
/// publish order through this sink's own bounded queue on its own background loop, so a slow sink never
/// stalls a session or another sink. On stop the sink has <c>Timeouts:EventDrain</c> to receive what is queued;
/// then <c>cancellationToken</c> is cancelled.
/// </summary>
public interface IFtpEventSink
{
    /// <summary>Handles one event. An exception is logged and the next event still arrives.</summary>
    /// <param name="ftpEvent">The event; match on its record type (<see cref="LoginSucceeded"/>, <see cref="FileReceived"/>, ...).</param>
    /// <param name="cancellationToken">Cancelled when the server stops and the drain time has passed.</param>
    ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken);
}
