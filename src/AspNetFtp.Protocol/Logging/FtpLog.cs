using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Replies;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Logging;

/// <summary>
/// Every log line of the engine, source generated, with stable event ids. Values that come from a client or
/// from storage (user names, verbs, paths, remote messages) pass through <see cref="ControlCharacters.Mask"/>
/// first, so no ESC, CR or LF reaches a log raw.
/// <para>
/// Log hygiene: what a remote client can cause at will (a refused connection, a failed login, a failed TLS
/// handshake, a foreign data connection, too many protocol errors, a reply it stops reading, a storage refusal)
/// is one line without an exception, at Debug or Information; failed logins and port stealing stay Warnings
/// (an operator or fail2ban watches them), still one line. Each of those passes through the server's
/// <see cref="LogThrottle"/>, per event and client address. Exceptions with their stack are logged only for
/// server faults (an accept loop, the authenticator, an unexpected exception from a command or the storage).
/// </para>
/// </summary>
internal static partial class FtpLog
{
    [LoggerMessage(1, LogLevel.Information, "FTP listener started on {EndPoint} ({Kind})")]
    public static partial void ListenerStarted(ILogger logger, EndPoint endPoint, string kind);

    [LoggerMessage(2, LogLevel.Information, "FTP server stopping; {Sessions} sessions open")]
    public static partial void Stopping(ILogger logger, int sessions);

    private static readonly EventId ConnectionRefusedId = new(3, nameof(ConnectionRefused));
    private static readonly EventId LoginFailedId = new(13, nameof(LoginFailed));
    private static readonly EventId TooManyErrorsId = new(16, nameof(TooManyErrors));
    private static readonly EventId TlsFailedId = new(19, nameof(TlsFailed));
    private static readonly EventId PortStealingId = new(20, nameof(PortStealing));
    private static readonly EventId WriteTimedOutId = new(23, nameof(WriteTimedOut));
    private static readonly EventId StorageRefusedId = new(24, "StorageRefused");

    public static void ConnectionRefused(ILogger logger, LogThrottle throttle, IPEndPoint? remote, string reason)
    {
        if (logger.IsEnabled(LogLevel.Information) && throttle.Allow(logger, ConnectionRefusedId, LogLevel.Information, remote?.Address))
        {
            ConnectionRefusedCore(logger, remote, reason);
        }
    }

    [LoggerMessage(3, LogLevel.Information, "Connection from {Remote} refused: {Reason}", EventName = nameof(ConnectionRefused))]
    private static partial void ConnectionRefusedCore(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(4, LogLevel.Error, "Accept loop on {EndPoint} failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception, EndPoint endPoint);

    // A health check (HAProxy's tcp-check, a load balancer's TCP probe, a monitoring plugin) connects every second or
    // two and closes with QUIT or without a command: its connection is logged at Debug. "Session started" waits for
    // the first command other than QUIT, so Information shows only sessions that spoke FTP, each with its start and end.
    [LoggerMessage(68, LogLevel.Debug, "Connection accepted")]
    public static partial void ConnectionAccepted(ILogger logger);

    [LoggerMessage(10, LogLevel.Information, "Session started")]
    public static partial void SessionStarted(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "Session ended")]
    public static partial void SessionEnded(ILogger logger);

    [LoggerMessage(70, LogLevel.Debug, "Connection from {Remote} closed before it sent a byte (a health check)")]
    public static partial void ConnectionClosedBeforePreamble(ILogger logger, EndPoint? remote);

    [LoggerMessage(69, LogLevel.Debug, "Connection closed without a command other than QUIT (a health check)")]
    public static partial void ConnectionClosedWithoutCommand(ILogger logger);

    public static void LoginSucceeded(ILogger logger, string user) =>
        LoginSucceededCore(logger, ControlCharacters.Mask(user));

    [LoggerMessage(12, LogLevel.Information, "Login succeeded for {User}", EventName = nameof(LoginSucceeded))]
    private static partial void LoginSucceededCore(ILogger logger, string user);

    public static void LoginFailed(ILogger logger, LogThrottle throttle, IPAddress remote, string user, string reason)
    {
        if (logger.IsEnabled(LogLevel.Warning) && throttle.Allow(logger, LoginFailedId, LogLevel.Warning, remote))
        {
            LoginFailedCore(logger, ControlCharacters.Mask(user), ControlCharacters.Mask(reason));
        }
    }

    [LoggerMessage(13, LogLevel.Warning, "Login failed for {User}: {Reason}", EventName = nameof(LoginFailed))]
    private static partial void LoginFailedCore(ILogger logger, string user, string reason);

    [LoggerMessage(14, LogLevel.Error, "The authenticator failed")]
    public static partial void AuthenticatorFailed(ILogger logger, Exception exception);

    public static void Command(ILogger logger, string verb)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            CommandCore(logger, ControlCharacters.Mask(verb));
        }
    }

    [LoggerMessage(15, LogLevel.Debug, "Command {Verb}", EventName = nameof(Command))]
    private static partial void CommandCore(ILogger logger, string verb);

    public static void TooManyErrors(ILogger logger, LogThrottle throttle, IPAddress remote, int errors)
    {
        if (logger.IsEnabled(LogLevel.Information) && throttle.Allow(logger, TooManyErrorsId, LogLevel.Information, remote))
        {
            TooManyErrorsCore(logger, errors);
        }
    }

    [LoggerMessage(16, LogLevel.Information, "Session closed after {Errors} protocol errors", EventName = nameof(TooManyErrors))]
    private static partial void TooManyErrorsCore(ILogger logger, int errors);

    [LoggerMessage(17, LogLevel.Information, "Session timed out")]
    public static partial void TimedOut(ILogger logger);

    public static void CommandFailed(ILogger logger, Exception exception, string verb) =>
        CommandFailedCore(logger, exception, ControlCharacters.Mask(verb));

    [LoggerMessage(18, LogLevel.Error, "Command {Verb} failed", EventName = nameof(CommandFailed))]
    private static partial void CommandFailedCore(ILogger logger, Exception exception, string verb);

    public static void TlsFailed(ILogger logger, LogThrottle throttle, IPAddress remote, string channel, string message)
    {
        if (logger.IsEnabled(LogLevel.Information) && throttle.Allow(logger, TlsFailedId, LogLevel.Information, remote))
        {
            TlsFailedCore(logger, channel, ControlCharacters.Mask(message));
        }
    }

    [LoggerMessage(19, LogLevel.Information, "TLS handshake failed on the {Channel} channel: {Message}", EventName = nameof(TlsFailed))]
    private static partial void TlsFailedCore(ILogger logger, string channel, string message);

    public static void PortStealing(ILogger logger, LogThrottle throttle, IPEndPoint remote)
    {
        if (logger.IsEnabled(LogLevel.Warning) && throttle.Allow(logger, PortStealingId, LogLevel.Warning, remote.Address))
        {
            PortStealingCore(logger, remote);
        }
    }

    [LoggerMessage(20, LogLevel.Warning, "Passive data connection from foreign address {Remote} refused (port stealing)", EventName = nameof(PortStealing))]
    private static partial void PortStealingCore(ILogger logger, IPEndPoint remote);

    public static void Transfer(ILogger logger, string direction, string path, long bytes, string outcome)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            TransferCore(logger, direction, ControlCharacters.Mask(path), bytes, outcome);
        }
    }

    [LoggerMessage(21, LogLevel.Information, "{Direction} {Path}: {Bytes} bytes, {Outcome}", EventName = nameof(Transfer))]
    private static partial void TransferCore(ILogger logger, string direction, string path, long bytes, string outcome);

    /// <summary>
    /// A storage failure that an operator must see (unavailable, out of space) is a warning with its exception; a
    /// refusal the client caused (missing file, permission, name) is one debug line without a stack, so a client
    /// repeating failing commands cannot flood the log.
    /// </summary>
    public static void StorageError(ILogger logger, LogThrottle throttle, IPAddress remote, FtpFileSystemException exception, string verb)
    {
        if (exception.Error is FtpFileSystemError.Unavailable or FtpFileSystemError.InsufficientStorage)
        {
            StorageErrorCore(logger, exception, ControlCharacters.Mask(verb), exception.Error.ToString());
        }
        else if (logger.IsEnabled(LogLevel.Debug) && throttle.Allow(logger, StorageRefusedId, LogLevel.Debug, remote))
        {
            StorageRefusedCore(logger, ControlCharacters.Mask(verb), exception.Error.ToString());
        }
    }

    [LoggerMessage(22, LogLevel.Warning, "Storage error on {Verb}: {Error}", EventName = nameof(StorageError))]
    private static partial void StorageErrorCore(ILogger logger, Exception exception, string verb, string error);

    [LoggerMessage(24, LogLevel.Debug, "{Verb} refused by the storage: {Error}", EventName = "StorageRefused")]
    private static partial void StorageRefusedCore(ILogger logger, string verb, string error);

    public static void WriteTimedOut(ILogger logger, LogThrottle throttle, IPAddress remote, double seconds)
    {
        if (logger.IsEnabled(LogLevel.Information) && throttle.Allow(logger, WriteTimedOutId, LogLevel.Information, remote))
        {
            WriteTimedOutCore(logger, seconds);
        }
    }

    [LoggerMessage(23, LogLevel.Information, "A reply could not be written within {Seconds} s (the client stopped reading); session closed", EventName = nameof(WriteTimedOut))]
    private static partial void WriteTimedOutCore(ILogger logger, double seconds);

    /// <summary>The summary of lines the <see cref="LogThrottle"/> left out, at the level of the lines it stands for.</summary>
    [LoggerMessage(EventId = 25, Message = "{Count} similar {Event} messages from {Remote} suppressed (at most {Limit} per {Seconds} s are written)")]
    public static partial void Suppressed(ILogger logger, LogLevel level, long count, string @event, string remote, int limit, double seconds);

    [LoggerMessage(30, LogLevel.Error, "Event sink {Sink} failed")]
    public static partial void EventSinkFailed(ILogger logger, Exception exception, string sink);

    [LoggerMessage(31, LogLevel.Warning, "Event queue of sink {Sink} full; {Dropped} events dropped for it so far")]
    public static partial void EventsDropped(ILogger logger, string sink, long dropped);

    [LoggerMessage(32, LogLevel.Warning, "Event sink {Sink} did not finish within {Seconds} s of the stop; its token is cancelled and {Undelivered} queued events are not delivered")]
    public static partial void EventSinkDrainTimedOut(ILogger logger, string sink, double seconds, int undelivered);

    [LoggerMessage(5, LogLevel.Critical, "The FTP server did not start, and the application goes on without it (FtpServer:StopApplicationOnStartFailure is false): {Problem}")]
    public static partial void StartFailedApplicationContinues(ILogger logger, Exception exception, string problem);

    [LoggerMessage(6, LogLevel.Warning, "The FTP server starts, but something it needs is unavailable: {Problem}")]
    public static partial void ReadinessUnavailable(ILogger logger, string problem);

    [LoggerMessage(40, LogLevel.Warning, "Session {SessionId} of {User} ended: the account was deleted, locked or its security stamp changed")]
    private static partial void SessionEndedOnAccountChangeCore(ILogger logger, string sessionId, string user);

    public static void SessionEndedOnAccountChange(ILogger logger, string sessionId, string user) =>
        SessionEndedOnAccountChangeCore(logger, sessionId, ControlCharacters.Mask(user));

    [LoggerMessage(41, LogLevel.Warning, "The accounts of open sessions could not be rechecked; the sessions go on and the next recheck tries again")]
    public static partial void AccountRecheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(60, LogLevel.Information, "TLS certificate reloaded: {Subject}, SHA-256 {Fingerprint}, valid until {NotAfter:u}; new handshakes use it, open sessions keep theirs")]
    public static partial void TlsCertificateReloaded(ILogger logger, string subject, string fingerprint, DateTime notAfter);

    [LoggerMessage(61, LogLevel.Warning, "The changed TLS certificate files were not taken, the current certificate stays: {Problem}")]
    private static partial void TlsCertificateReloadFailedCore(ILogger logger, string problem);

    public static void TlsCertificateReloadFailed(ILogger logger, string problem) =>
        TlsCertificateReloadFailedCore(logger, ControlCharacters.Mask(problem));

    [LoggerMessage(64, LogLevel.Warning, "Address {Address} banned for {Minutes} min (offence {Offences}): {Reason}")]
    private static partial void AddressBannedCore(ILogger logger, string address, double minutes, int offences, string reason);

    public static void AddressBanned(ILogger logger, string address, double minutes, int offences, string reason) =>
        AddressBannedCore(logger, address, minutes, offences, ControlCharacters.Mask(reason));

    [LoggerMessage(65, LogLevel.Information, "Ban of {Address} lifted by {By}")]
    private static partial void AddressBanLiftedCore(ILogger logger, string address, string by);

    public static void AddressBanLifted(ILogger logger, string address, string by) =>
        AddressBanLiftedCore(logger, address, ControlCharacters.Mask(by));

    [LoggerMessage(66, LogLevel.Warning, "The ban store failed; the bans in memory stay in force and the next refresh tries again")]
    public static partial void BanStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(67, LogLevel.Information, "The ban store works again")]
    public static partial void BanStoreRecovered(ILogger logger);
}
