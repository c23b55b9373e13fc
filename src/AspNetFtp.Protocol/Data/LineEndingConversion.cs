namespace AspNetFtp.Protocol.Data;

/// <summary>TYPE A conversion (RFC 959 §3.1.1.1): the network form ends lines with CRLF, local files with LF.</summary>
internal enum LineEndingConversion
{
    None,
    /// <summary>RETR in TYPE A: LF becomes CRLF.</summary>
    ToNetwork,
    /// <summary>STOR in TYPE A: CRLF becomes LF.</summary>
    FromNetwork,
}
