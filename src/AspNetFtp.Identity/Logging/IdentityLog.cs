using Microsoft.Extensions.Logging;

namespace AspNetFtp.Identity.Logging;

/// <summary>
/// Every log line of the Identity library (the authenticator: 100-109; the audit log: 110-119). One class on purpose:
/// the logging source generator emits the classes that declare <c>[LoggerMessage]</c> methods in an order that can
/// change from one compilation to the next, so two such classes made two packs of one commit differ.
/// </summary>
internal static partial class IdentityLog
{
    [LoggerMessage(100, LogLevel.Error, "The account store is unavailable (login of {User})")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string user);

    [LoggerMessage(101, LogLevel.Warning, "{User} is locked out after too many failed logins")]
    public static partial void LockedOut(ILogger logger, string user);

    [LoggerMessage(106, LogLevel.Error, "The allowed or denied addresses stored for {User} (account or group) cannot be read; the login is refused until they are saved again")]
    public static partial void AddressRulesUnreadable(ILogger logger, string user);

    [LoggerMessage(110, LogLevel.Warning, "The audit log cannot be written ({Count} events dropped; later failures are not logged until a write succeeds). Is the FtpAuditEntries table migrated?")]
    public static partial void AuditWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(111, LogLevel.Information, "The audit log is written again; {Count} events were dropped meanwhile")]
    public static partial void AuditWritesResumed(ILogger logger, long count);

    [LoggerMessage(112, LogLevel.Warning, "Old audit log rows cannot be deleted; retrying in {Interval}")]
    public static partial void AuditCleanupFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(113, LogLevel.Information, "Deleted {Count} audit log rows older than {Cutoff:u}")]
    public static partial void AuditCleanedUp(ILogger logger, int count, DateTime cutoff);
}
