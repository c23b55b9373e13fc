using Microsoft.Extensions.Logging;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>One log call: category, level, event id, the formatted message, the exception and each structured value.</summary>
internal sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message, string? Exception, IReadOnlyList<string> Values)
{
    /// <summary>Everything a log sink could write for this record, for scanning.</summary>
    public string AllText => string.Join(" | ", [Category, EventId.Name ?? string.Empty, Message, Exception ?? string.Empty, .. Values]);

    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}";
}
