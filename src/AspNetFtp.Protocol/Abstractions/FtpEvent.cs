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
public sealed record ClientDisconnected(DateTimeOffset Timestamp) : FtpEvent(Timestamp)
{
    /// <summary>How long the client was connected.</summary>
    public TimeSpan Duration { get; init; }
}

/// <summary>ftp_login.</summary>
public sealed record LoginSucceeded(DateTimeOffset Timestamp) : FtpEvent(Timestamp);

/// <summary>ftp_login_failed. <see cref="FtpEvent.UserName"/> is the name the client offered.</summary>
public sealed record LoginFailed(DateTimeOffset Timestamp, FtpAuthenticationStatus Reason) : FtpEvent(Timestamp);

/// <summary>ftp_logout.</summary>
public sealed record LoggedOut(DateTimeOffset Timestamp) : FtpEvent(Timestamp);

/// <summary>
/// A file transfer that moved bytes over a data connection: <see cref="FileReceived"/> and <see cref="FileSent"/>
/// when it completed, <see cref="FileReceivedIncomplete"/> and <see cref="FileSentIncomplete"/> when it was cut (ABOR,
/// a broken or stalled connection, a storage that refused to commit). A transfer that never started (no data
/// connection, a target that could not be opened) raises none of them.
/// </summary>
public abstract record FileTransferEvent(DateTimeOffset Timestamp, string Path, long Bytes) : FtpEvent(Timestamp)
{
    /// <summary>From the transfer command to the transfer's end.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True for <see cref="FileReceived"/> and <see cref="FileSent"/>; false for the incomplete variants.</summary>
    public abstract bool Complete { get; }
}

/// <summary>ftp_file_received: an upload (STOR, APPE, STOU) completed and the storage committed it.</summary>
public sealed record FileReceived(DateTimeOffset Timestamp, string Path, long Bytes) : FileTransferEvent(Timestamp, Path, Bytes)
{
    /// <inheritdoc/>
    public override bool Complete => true;
}

/// <summary>ftp_file_received_incomplete: an upload was cut; the storage aborted it (<see cref="FileTransferEvent.Bytes"/> arrived before).</summary>
public sealed record FileReceivedIncomplete(DateTimeOffset Timestamp, string Path, long Bytes) : FileTransferEvent(Timestamp, Path, Bytes)
{
    /// <inheritdoc/>
    public override bool Complete => false;
}

/// <summary>ftp_file_sent: a download (RETR) completed.</summary>
public sealed record FileSent(DateTimeOffset Timestamp, string Path, long Bytes) : FileTransferEvent(Timestamp, Path, Bytes)
{
    /// <inheritdoc/>
    public override bool Complete => true;
}

/// <summary>ftp_file_sent_incomplete: a download was cut after <see cref="FileTransferEvent.Bytes"/> were sent.</summary>
public sealed record FileSentIncomplete(DateTimeOffset Timestamp, string Path, long Bytes) : FileTransferEvent(Timestamp, Path, Bytes)
{
    /// <inheritdoc/>
    public override bool Complete => false;
}

/// <summary>ftp_file_deleted: DELE succeeded (a refused or failed DELE raises nothing, as for every command below).</summary>
public sealed record FileDeleted(DateTimeOffset Timestamp, string Path) : FtpEvent(Timestamp);

/// <summary>ftp_file_renamed.</summary>
public sealed record FileRenamed(DateTimeOffset Timestamp, string FromPath, string ToPath) : FtpEvent(Timestamp);

/// <summary>ftp_directory_created.</summary>
public sealed record DirectoryCreated(DateTimeOffset Timestamp, string Path) : FtpEvent(Timestamp);

/// <summary>ftp_directory_deleted.</summary>
public sealed record DirectoryDeleted(DateTimeOffset Timestamp, string Path) : FtpEvent(Timestamp);

/// <summary>
/// ftp_tls_certificate_reloaded: the certificate files changed and the new pair is used for new handshakes (a server
/// event). <paramref name="Fingerprint"/> is the certificate's SHA-256 in hex.
/// </summary>
public sealed record TlsCertificateReloaded(DateTimeOffset Timestamp, string Subject, string Fingerprint, DateTimeOffset NotAfter) : FtpEvent(Timestamp);
