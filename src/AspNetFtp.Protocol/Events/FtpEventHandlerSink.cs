using System.Reflection;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Events;

/// <summary>
/// The sink under one <c>AddEventHandler&lt;THandler&gt;()</c>: delivers each event to every
/// <see cref="IFtpEventHandler{TEvent}"/> of <typeparamref name="THandler"/> whose event type it is. Being a sink, it
/// has its own queue and loop, so the handler can hold up only itself.
/// </summary>
/// <typeparam name="THandler">The handler class.</typeparam>
internal sealed class FtpEventHandlerSink<THandler>(THandler handler) : IFtpEventSink, INamedEventSink
    where THandler : class
{
    private static readonly Route[] Routes = BuildRoutes();

    private delegate ValueTask Route(THandler handler, FtpEvent ftpEvent, CancellationToken cancellationToken);

    public string SinkName => typeof(THandler).Name;

    public async ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
    {
        foreach (Route route in Routes)
        {
            await route(handler, ftpEvent, cancellationToken);
        }
    }

    /// <summary>The event types <typeparamref name="THandler"/> handles, one route each; none throws at registration.</summary>
    internal static int RouteCount => Routes.Length;

    private static Route[] BuildRoutes()
    {
        MethodInfo deliver = typeof(FtpEventHandlerSink<THandler>).GetMethod(nameof(Deliver), BindingFlags.NonPublic | BindingFlags.Static)!;
        return [.. typeof(THandler).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFtpEventHandler<>))
            .Select(i => deliver.MakeGenericMethod(i.GetGenericArguments()[0]).CreateDelegate<Route>())];
    }

    private static ValueTask Deliver<TEvent>(THandler handler, FtpEvent ftpEvent, CancellationToken cancellationToken)
        where TEvent : FtpEvent =>
        ftpEvent is TEvent typed
            ? ((IFtpEventHandler<TEvent>)handler).HandleAsync(typed, cancellationToken)
            : ValueTask.CompletedTask;
}
