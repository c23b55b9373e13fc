using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// Records every log call at every level: the formatted message, the exception (with its inner exceptions and
/// stack), each structured state value and each value of every enclosing scope. For tests that prove what
/// never reaches a log.
/// </summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogRecord> _records = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<LogRecord> Records => _records;

    /// <summary>A logger factory that sends everything, from Trace up, to this provider.</summary>
    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

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

        if (state is not null)
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
        }
    }
}
