using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Protocol.Server;

/// <summary>A running transfer as the registry sees it.</summary>
/// <param name="Verb">RETR, STOR, APPE, STOU, LIST, NLST or MLSD.</param>
/// <param name="Direction">Which way the bytes go.</param>
/// <param name="Path">The file or directory, as the client sees it.</param>
/// <param name="Bytes">Bytes moved so far.</param>
/// <param name="StartedAt">When the transfer command was accepted.</param>
/// <param name="BytesPerSecond">Average rate since then.</param>
public sealed record FtpTransferInfo(string Verb, TransferDirection Direction, string? Path, long Bytes, DateTimeOffset StartedAt, double BytesPerSecond);
