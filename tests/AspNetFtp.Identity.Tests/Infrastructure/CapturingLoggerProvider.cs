using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>Keeps every log call (category, level, event id) so a test can count lines.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, int EventId)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, int EventId)> Entries => [.. _entries];

    public int Count(int eventId) => _entries.Count(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((category, logLevel, eventId.Id));
    }
}
