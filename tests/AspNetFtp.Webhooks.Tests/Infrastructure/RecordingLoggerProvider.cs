using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>Records every log call at every level, with its structured values and scopes, for tests that scan logs.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogRecord> _records = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ChangeSignal Changes { get; } = new();

    public IReadOnlyCollection<LogRecord> Records => _records;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static void AddValues(List<string> values, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach ((string key, object? value) in pairs)
            {
                values.Add($"{key}={value}");
            }
        }
        else if (state is not null)
        {
            values.Add(state.ToString() ?? string.Empty);
        }
    }

    private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            AddValues(values, state);
            owner._scopes.ForEachScope(static (scope, list) => AddValues(list, scope), values);
            owner._records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception), exception?.ToString(), values));
            owner.Changes.Notify();
        }
    }
}
