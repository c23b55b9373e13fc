namespace AspNetFtp.Protocol.Transfers;

/// <summary>How a transfer ended, as the metrics count it.</summary>
internal enum TransferResult
{
    /// <summary>226: every byte moved and committed.</summary>
    Complete,

    /// <summary>426: aborted by the client, the connection broke or stalled.</summary>
    Incomplete,

    /// <summary>No data connection, a storage refusal or a local error.</summary>
    Failed,
}
