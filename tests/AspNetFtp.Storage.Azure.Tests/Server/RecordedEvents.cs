using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>Every event the server published, and bounded waits for them.</summary>
internal sealed class RecordedEvents : IFtpEventSink
{
    private readonly List<FtpEvent> _events = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(ftpEvent);
        }

        _arrived.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>How many events of type <typeparamref name="T"/> were recorded so far.</summary>
    public int Count<T>()
        where T : FtpEvent
    {
        lock (_events)
        {
            return _events.OfType<T>().Count();
        }
    }

    /// <summary>Waits (bounded) until more than <paramref name="before"/> events of type <typeparamref name="T"/> were recorded.</summary>
    public Task WaitForMoreAsync<T>(int before, TimeSpan timeout)
        where T : FtpEvent =>
        WaitUntilAsync(events => events.OfType<T>().Count() > before, typeof(T).Name, timeout);

    /// <summary>Waits (bounded) for an event of type <typeparamref name="T"/> that <paramref name="match"/> accepts.</summary>
    public Task WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout)
        where T : FtpEvent =>
        WaitUntilAsync(events => events.OfType<T>().Any(match), typeof(T).Name, timeout);

    private async Task WaitUntilAsync(Func<List<FtpEvent>, bool> condition, string what, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            lock (_events)
            {
                if (condition(_events))
                {
                    return;
                }
            }

            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_events)
                {
                    throw new TimeoutException($"No {what} within {timeout}; recorded: {string.Join(", ", _events.Select(e => e is FileTransferEvent t ? $"{e.GetType().Name} {t.Path}" : e.GetType().Name))}.");
                }
            }
        }
    }
}
