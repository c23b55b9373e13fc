namespace AspNetFtp.Protocol.Transfers;

/// <summary>How a transfer ended, for its events, log line and metrics.</summary>
/// <param name="Complete">The data connection closed cleanly and the storage committed the bytes.</param>
/// <param name="Bytes">Bytes moved over the data connection.</param>
/// <param name="Duration">From the transfer command to the end.</param>
/// <param name="Connected">False when no data connection was ever opened (nothing was moved).</param>
internal readonly record struct TransferOutcome(bool Complete, long Bytes, TimeSpan Duration, bool Connected);
