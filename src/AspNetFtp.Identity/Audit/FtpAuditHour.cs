namespace AspNetFtp.Identity.Audit;

/// <summary>One UTC hour of an <see cref="FtpAuditSummary"/>: what moved and who logged in during it.</summary>
/// <param name="Start">The hour's first instant, UTC, on a whole hour.</param>
/// <param name="BytesIn">Bytes uploaded (<c>FileReceived</c> and <c>FileReceivedIncomplete</c> rows).</param>
/// <param name="BytesOut">Bytes downloaded (<c>FileSent</c> and <c>FileSentIncomplete</c> rows).</param>
/// <param name="LoginsSucceeded">Rows of kind <c>LoginSucceeded</c>.</param>
/// <param name="LoginsFailed">Rows of kind <c>LoginFailed</c>.</param>
public sealed record FtpAuditHour(DateTimeOffset Start, long BytesIn, long BytesOut, int LoginsSucceeded, int LoginsFailed);
