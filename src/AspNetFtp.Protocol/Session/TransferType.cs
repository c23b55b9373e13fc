namespace AspNetFtp.Protocol.Session;

/// <summary>TYPE (RFC 959 §3.1.1): ASCII converts line endings, Image sends bytes as they are.</summary>
internal enum TransferType
{
    Ascii,
    Image,
}
