using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>Every event the server published, and a bounded wait for one.</summary>
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

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout)
        where T : FtpEvent
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            lock (_events)
            {
                if (_events.OfType<T>().FirstOrDefault(match) is { } found)
                {
                    return found;
                }
            }

            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} within {timeout}.");
            }
        }
    }
}
