using System.Net;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>Base of every event: when it happened and, for session events, which session.</summary>
public abstract record FtpEvent(DateTimeOffset Timestamp)
{
    /// <summary>The session's id, as in its log scope; null for server events.</summary>
    public string? SessionId { get; init; }

    /// <summary>The client's address and port (the PROXY protocol's, when a preamble set it); null for server events.</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>The logged-in user, or the name offered for <see cref="LoginFailed"/>; null before a USER command.</summary>
    public string? UserName { get; init; }
}

/// <summary>ftp_server_started.</summary>
public sealed record ServerStarted(DateTimeOffset Timestamp, IReadOnlyList<EndPoint> EndPoints) : FtpEvent(Timestamp);

/// <summary>ftp_server_stopped.</summary>
public sealed record ServerStopped(DateTimeOffset Timestamp) : FtpEvent(Timestamp);

/// <summary>ftp_client_connected.</summary>
public sealed record ClientConnected(DateTimeOffset Timestamp) : FtpEvent(Timestamp);

/// <summary>ftp_client_disconnected.</summary>
public sealed record ClientDisconnected(DateTimeOffset Timestamp) : FtpEvent(Timestamp);

/// <summary>ftp_login.</summary>
public sealed record LoginSucceeded(DateTimeOffset Timestamp) : FtpEvent(Timestamp);

/// <summary>ftp_login_failed. <see cref="FtpEvent.UserName"/> is the name the client offered.</summary>
public sealed record LoginFailed(DateTimeOffset Timestamp, FtpAuthenticationStatus Reason) : FtpEvent(Timestamp);

/// <summary>ftp_logout.</summary>
public sealed record LoggedOut(DateTimeOffset Timestamp) : FtpEvent(Timestamp);

/// <summary>ftp_file_received (complete) and ftp_file_received_incomplete (<see cref="Complete"/> false).</summary>
public sealed record FileReceived(DateTimeOffset Timestamp, string Path, long Bytes, bool Complete) : FtpEvent(Timestamp)
{
    /// <summary>From the transfer command to the transfer's end; zero when not measured.</summary>
    public TimeSpan Duration { get; init; }
}

/// <summary>ftp_file_sent (complete) and ftp_file_sent_incomplete (<see cref="Complete"/> false).</summary>
public sealed record FileSent(DateTimeOffset Timestamp, string Path, long Bytes, bool Complete) : FtpEvent(Timestamp)
{
    /// <summary>From the transfer command to the transfer's end; zero when not measured.</summary>
    public TimeSpan Duration { get; init; }
}

/// <summary>ftp_file_deleted.</summary>
public sealed record FileDeleted(DateTimeOffset Timestamp, string Path) : FtpEvent(Timestamp);

/// <summary>ftp_file_renamed.</summary>
public sealed record FileRenamed(DateTimeOffset Timestamp, string FromPath, string ToPath) : FtpEvent(Timestamp);

/// <summary>ftp_directory_created.</summary>
public sealed record DirectoryCreated(DateTimeOffset Timestamp, string Path) : FtpEvent(Timestamp);

/// <summary>ftp_directory_deleted.</summary>
public sealed record DirectoryDeleted(DateTimeOffset Timestamp, string Path) : FtpEvent(Timestamp);
