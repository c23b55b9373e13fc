using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>Keeps every formatted log message with the values of the scopes it was written in.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeValues = new List<KeyValuePair<string, object?>>();
            owner._scopes.ForEachScope(static (scope, values) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    values.AddRange(pairs);
                }
                else if (scope is not null)
                {
                    values.Add(new("Scope", scope.ToString()));
                }
            }, scopeValues);
            owner._entries.Enqueue(new CapturedLog(eventId, formatter(state, exception), scopeValues));
        }
    }
}
