namespace AspNetFtp.Protocol.Abstractions;

/// <summary>The checksums the server offers through HASH (draft-bryan-ftp-hash) and the XCRC/XMD5/XSHA1/XSHA256 commands.</summary>
public enum FtpChecksumAlgorithm
{
    /// <summary>SHA-256, HASH's default.</summary>
    Sha256,

    /// <summary>SHA-1.</summary>
    Sha1,

    /// <summary>MD5.</summary>
    Md5,

    /// <summary>CRC-32 (IEEE 802.3, as zip and gzip compute it).</summary>
    Crc32,
}
