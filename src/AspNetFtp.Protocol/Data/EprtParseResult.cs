namespace AspNetFtp.Protocol.Data;

/// <summary>The outcome of <see cref="ActiveAddressParser.TryParseEprt"/>: 200 path, 501 or 522.</summary>
internal enum EprtParseResult
{
    Ok,
    Syntax,
    UnsupportedProtocol,
}
