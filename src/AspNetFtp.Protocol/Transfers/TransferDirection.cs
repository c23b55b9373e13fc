namespace AspNetFtp.Protocol.Transfers;

/// <summary>Which way a data transfer moves bytes.</summary>
public enum TransferDirection
{
    /// <summary>RETR: server to client.</summary>
    Download,

    /// <summary>STOR, APPE, STOU: client to server.</summary>
    Upload,

    /// <summary>LIST, NLST, MLSD: a listing, server to client.</summary>
    Listing,
}
