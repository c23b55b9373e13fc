namespace AspNetFtp.Identity.Nodes;

/// <summary>
/// A request for another node (<c>FtpNodeCommands</c>): written by the admin of any node, taken by the named node at its
/// next heartbeat, which runs it and writes <see cref="CompletedUtc"/> and <see cref="Outcome"/>. Completed rows are
/// dropped after a day.
/// </summary>
public sealed class FtpNodeCommand
{
    /// <summary>End a session (<see cref="SessionId"/>).</summary>
    public const string Disconnect = "Disconnect";

    /// <summary>Outcome: the session was live and has ended.</summary>
    public const string Ended = "Ended";

    /// <summary>Outcome: no such session was live any more.</summary>
    public const string Gone = "Gone";

    /// <summary>The longest kind or outcome, in characters.</summary>
    public const int MaxKindLength = 32;

    /// <summary>The longest name of who asked, in characters.</summary>
    public const int MaxRequestedByLength = 256;

    /// <summary>The key.</summary>
    public long Id { get; set; }

    /// <summary>The node that must run it.</summary>
    public string NodeName { get; set; } = string.Empty;

    /// <summary>The session it concerns.</summary>
    public string SessionId { get; set; } = string.Empty;

    /// <summary>What to do; <see cref="Disconnect"/>.</summary>
    public string Kind { get; set; } = Disconnect;

    /// <summary>Who asked (the administrator's name).</summary>
    public string? RequestedBy { get; set; }

    /// <summary>When it was asked, in UTC.</summary>
    public DateTime RequestedUtc { get; set; }

    /// <summary>When the node ran it, in UTC; null while pending.</summary>
    public DateTime? CompletedUtc { get; set; }

    /// <summary><see cref="Ended"/> or <see cref="Gone"/>; null while pending.</summary>
    public string? Outcome { get; set; }
}
