using Microsoft.Extensions.Logging;

namespace AspNetFtp.Identity.Audit;

/// <summary>The audit log's log lines (event ids 110-119).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(110, LogLevel.Warning, "The audit log cannot be written ({Count} events dropped; later failures are not logged until a write succeeds). Is the FtpAuditEntries table migrated?")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(111, LogLevel.Information, "The audit log is written again; {Count} events were dropped meanwhile")]
    public static partial void WritesResumed(ILogger logger, long count);

    [LoggerMessage(112, LogLevel.Warning, "Old audit log rows cannot be deleted; retrying in {Interval}")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(113, LogLevel.Information, "Deleted {Count} audit log rows older than {Cutoff:u}")]
    public static partial void CleanedUp(ILogger logger, int count, DateTime cutoff);
}
