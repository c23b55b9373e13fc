namespace AspNetFtp.Identity.Nodes;

/// <summary>The outcome of a disconnect and the node it concerned.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Node">The node asked.</param>
/// <param name="Reason">Why it was refused; null otherwise.</param>
public sealed record FtpDisconnectResult(FtpDisconnectOutcome Outcome, string Node, string? Reason = null);
