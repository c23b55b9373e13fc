namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Handles one kind of event (a django-ftpserver signal receiver): <see cref="FileReceived"/>, <see cref="LoginFailed"/>,
/// or a base type such as <see cref="FileTransferEvent"/> or <see cref="FtpEvent"/> for several kinds. Registered with
/// <c>AddEventHandler&lt;THandler&gt;()</c>; a class may implement this interface for several event types, and then
/// receives each event once per matching interface, in publish order. Each registered handler runs on its own queue
/// and loop (it is an <see cref="IFtpEventSink"/> underneath), so a handler that is slow or throws never stalls a
/// session or another handler; an exception is logged and the next event still arrives.
/// </summary>
/// <typeparam name="TEvent">The event type handled; events of other types are not delivered to this method.</typeparam>
public interface IFtpEventHandler<in TEvent>
    where TEvent : FtpEvent
{
    /// <summary>Handles one event, after the fact: the session has already moved on.</summary>
    /// <param name="ftpEvent">The event, with its time, session, user and remote address.</param>
    /// <param name="cancellationToken">Cancelled when the server stops and the drain time (<c>Timeouts:EventDrain</c>) has passed.</param>
    ValueTask HandleAsync(TEvent ftpEvent, CancellationToken cancellationToken);
}
