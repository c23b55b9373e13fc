namespace AspNetFtp.Protocol.Commands;

/// <summary>The HASH algorithms (draft-bryan-ftp-hash) the server offers.</summary>
internal enum HashAlgorithmKind
{
    Sha256,
    Sha1,
    Md5,
    Crc32,
}
