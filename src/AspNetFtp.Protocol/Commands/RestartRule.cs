namespace AspNetFtp.Protocol.Commands;

/// <summary>What a verb does with a pending REST offset (RFC 3659 §5).</summary>
internal enum RestartRule
{
    /// <summary>Left for the next transfer command.</summary>
    Kept,

    /// <summary>Cleared and not used (APPE, STOU).</summary>
    Cleared,

    /// <summary>Handed to the handler and cleared; 554 when it lies beyond the entry's end (RETR, STOR).</summary>
    Consumed,
}
