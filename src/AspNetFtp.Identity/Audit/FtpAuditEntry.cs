namespace AspNetFtp.Identity.Audit;

/// <summary>
/// One row of the audit log: an FTP event (written by <see cref="FtpAuditLogSink{TContext}"/>) or a change an
/// administrator made (written through <see cref="IFtpAuditLog.AddAsync"/>, with <see cref="Actor"/>). Text that a
/// client chose (user names, paths) is stored as data, with control characters masked: whoever shows it encodes it.
/// </summary>
public sealed class FtpAuditEntry
{
    /// <summary>Longest <see cref="Kind"/>.</summary>
    public const int MaxKindLength = 64;

    /// <summary>Longest <see cref="UserName"/> and <see cref="Actor"/>.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Longest <see cref="RemoteAddress"/>.</summary>
    public const int MaxAddressLength = 64;

    /// <summary>Longest <see cref="Path"/>, <see cref="TargetPath"/> and <see cref="Detail"/>; longer text is cut.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Longest <see cref="SessionId"/>.</summary>
    public const int MaxSessionIdLength = 64;

    /// <summary>The row's id, increasing in insertion order.</summary>
    public long Id { get; set; }

    /// <summary>When it happened, UTC (<see cref="DateTimeKind.Utc"/>).</summary>
    public DateTime TimeUtc { get; set; }

    /// <summary>The event's type name (<c>LoginFailed</c>, <c>FileReceived</c>, ...) or an administrator action's name.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The FTP user (for <c>LoginFailed</c> the name offered), or the user an administrator changed.</summary>
    public string? UserName { get; set; }

    /// <summary>The client's IP address (the PROXY protocol's when a preamble set it), in its usual text form.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>The client's port.</summary>
    public int? RemotePort { get; set; }

    /// <summary>The FTP path (a rename's source).</summary>
    public string? Path { get; set; }

    /// <summary>A rename's target path.</summary>
    public string? TargetPath { get; set; }

    /// <summary>Bytes moved by a transfer.</summary>
    public long? Bytes { get; set; }

    /// <summary>How long a transfer (or a connection, for <c>ClientDisconnected</c>) lasted, in milliseconds.</summary>
    public long? DurationMs { get; set; }

    /// <summary>False for a failed login and a cut transfer (the incomplete variants); true otherwise.</summary>
    public bool Succeeded { get; set; } = true;

    /// <summary>The FTP session's id, as in the server's log scope.</summary>
    public string? SessionId { get; set; }

    /// <summary>The administrator who made a change in the admin; null for FTP events.</summary>
    public string? Actor { get; set; }

    /// <summary>Free text: a failed login's reason, the listeners of a start, what an administrator changed.</summary>
    public string? Detail { get; set; }
}
