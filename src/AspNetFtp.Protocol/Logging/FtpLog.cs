using System.Net;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Logging;

/// <summary>Every log line of the engine, source generated, with stable event ids.</summary>
internal static partial class FtpLog
{
    [LoggerMessage(1, LogLevel.Information, "FTP listener started on {EndPoint} ({Kind})")]
    public static partial void ListenerStarted(ILogger logger, EndPoint endPoint, string kind);

    [LoggerMessage(2, LogLevel.Information, "FTP server stopping; {Sessions} sessions open")]
    public static partial void Stopping(ILogger logger, int sessions);

    [LoggerMessage(3, LogLevel.Warning, "Connection from {Remote} refused: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(4, LogLevel.Error, "Accept loop on {EndPoint} failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception, EndPoint endPoint);

    [LoggerMessage(10, LogLevel.Information, "Session started")]
    public static partial void SessionStarted(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "Session ended")]
    public static partial void SessionEnded(ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "Login succeeded for {User}")]
    public static partial void LoginSucceeded(ILogger logger, string user);

    [LoggerMessage(13, LogLevel.Warning, "Login failed for {User}: {Reason}")]
    public static partial void LoginFailed(ILogger logger, string user, string reason);

    [LoggerMessage(14, LogLevel.Error, "The authenticator failed")]
    public static partial void AuthenticatorFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Debug, "Command {Verb}")]
    public static partial void Command(ILogger logger, string verb);

    [LoggerMessage(16, LogLevel.Warning, "Session closed after {Errors} protocol errors")]
    public static partial void TooManyErrors(ILogger logger, int errors);

    [LoggerMessage(17, LogLevel.Information, "Session timed out")]
    public static partial void TimedOut(ILogger logger);

    [LoggerMessage(18, LogLevel.Error, "Command {Verb} failed")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string verb);

    [LoggerMessage(19, LogLevel.Warning, "TLS handshake failed on the {Channel} channel: {Message}")]
    public static partial void TlsFailed(ILogger logger, string channel, string message);

    [LoggerMessage(20, LogLevel.Warning, "Passive data connection from foreign address {Remote} refused (port stealing)")]
    public static partial void PortStealing(ILogger logger, IPEndPoint remote);

    [LoggerMessage(21, LogLevel.Information, "{Direction} {Path}: {Bytes} bytes, {Outcome}")]
    public static partial void Transfer(ILogger logger, string direction, string path, long bytes, string outcome);

    [LoggerMessage(22, LogLevel.Warning, "Storage error on {Verb}: {Error}")]
    public static partial void StorageError(ILogger logger, Exception exception, string verb, string error);

    [LoggerMessage(30, LogLevel.Error, "Event sink {Sink} failed")]
    public static partial void EventSinkFailed(ILogger logger, Exception exception, string sink);

    [LoggerMessage(31, LogLevel.Warning, "Event queue full; {Dropped} events dropped so far")]
    public static partial void EventsDropped(ILogger logger, long dropped);
}
