namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>What <see cref="ProxyHeaderParser.Parse"/> made of the bytes it was given.</summary>
internal enum ProxyParseStatus
{
    /// <summary>A whole, valid header starts the bytes.</summary>
    Complete,

    /// <summary>A header may start the bytes but is not whole yet: read the number of bytes the parser asked for, no more.</summary>
    NeedMore,

    /// <summary>The bytes are not a PROXY header of an accepted version.</summary>
    Invalid,
}
