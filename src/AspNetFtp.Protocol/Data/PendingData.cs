namespace AspNetFtp.Protocol.Data;

/// <summary>What a <see cref="PendingPassiveConnection"/> got: the connection, or nothing (and whether an early TLS handshake failed).</summary>
internal readonly record struct PendingData(DataConnection? Connection, bool TlsFailed);
