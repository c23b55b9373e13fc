using Microsoft.Extensions.Logging;

namespace AspNetFtp.Identity.Logging;

/// <summary>
/// Every log line of the Identity library (the authenticator: 100-109; the audit log: 110-119; the node registry: 120-129). One class on purpose:
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

    [LoggerMessage(120, LogLevel.Warning, "Node {Node} cannot write its heartbeat; its sessions and disconnects from other nodes wait until it can (retrying every {Interval}; later failures are not logged until a heartbeat succeeds). Is the FtpNodes table migrated?")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, string node, TimeSpan interval);

    [LoggerMessage(121, LogLevel.Information, "Node {Node} writes its heartbeat again after {Failures} failed attempts")]
    public static partial void HeartbeatResumed(ILogger logger, string node, int failures);

    [LoggerMessage(122, LogLevel.Warning, "Node {Node} could not mark itself stopped or remove its session rows; the other nodes count it dead after FtpServer:Node:DeadAfter")]
    public static partial void NodeStopWriteFailed(ILogger logger, Exception exception, string node);

    [LoggerMessage(123, LogLevel.Information, "Node {Node} ended session {SessionId} at the request of {RequestedBy} ({Outcome})")]
    public static partial void NodeCommandRun(ILogger logger, string node, string sessionId, string? requestedBy, string outcome);

    [LoggerMessage(124, LogLevel.Information, "Node {Node} registered (endpoints {Endpoints}, heartbeat every {Interval})")]
    public static partial void NodeRegistered(ILogger logger, string node, string endpoints, TimeSpan interval);
}
