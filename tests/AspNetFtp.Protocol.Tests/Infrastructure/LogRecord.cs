using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>One log call as a sink would see it: the formatted message, the exception and every structured value.</summary>
internal sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message, string? Exception, IReadOnlyList<string> Values)
{
    /// <summary>Everything a log sink could write for this record, for scanning.</summary>
    public IEnumerable<string> AllText() => [Category, EventId.Name ?? string.Empty, Message, Exception ?? string.Empty, .. Values];

    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? "" : " | " + Exception)} | {string.Join(", ", Values)}";
}
