using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Storage.S3;

/// <summary>The checksums S3 keeps of whole objects, so HASH and XCRC/XMD5/XSHA* need not read the object.</summary>
internal sealed partial class S3FileSystem
{
    public async ValueTask<string?> GetStoredChecksumAsync(FtpPath path, FtpChecksumAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (path.IsRoot || await HeadAsync(_keys.KeyOf(path), cancellationToken, checksums: true) is not { } head)
        {
            return null;
        }

        return StoredChecksum(head, algorithm);
    }

    /// <summary>
    /// MD5 from a single-part ETag (32 hex digits; a multipart ETag has a <c>-</c>) of an object not encrypted with KMS
    /// or a customer key (whose ETags are not the MD5); CRC-32, SHA-1 or SHA-256 when the store kept that checksum of
    /// the full object (not a composite of parts); otherwise null.
    /// </summary>
    internal static string? StoredChecksum(GetObjectMetadataResponse head, FtpChecksumAlgorithm algorithm)
    {
        if (algorithm == FtpChecksumAlgorithm.Md5)
        {
            string etag = head.ETag?.Trim('"') ?? string.Empty;
            bool encryptedByKey = head.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AWSKMS
                || head.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AWSKMSDSSE
                || head.ServerSideEncryptionCustomerMethod is { Value.Length: > 0 } && head.ServerSideEncryptionCustomerMethod != ServerSideEncryptionCustomerMethod.None;
            return etag.Length == 32 && etag.All(char.IsAsciiHexDigit) && !encryptedByKey ? etag.ToLowerInvariant() : null;
        }

        if (head.ChecksumType != ChecksumType.FULL_OBJECT)
        {
            return null;
        }

        string? base64 = algorithm switch
        {
            FtpChecksumAlgorithm.Crc32 => head.ChecksumCRC32,
            FtpChecksumAlgorithm.Sha1 => head.ChecksumSHA1,
            FtpChecksumAlgorithm.Sha256 => head.ChecksumSHA256,
            _ => null,
        };
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(base64, bytes, out int written) ? Convert.ToHexStringLower(bytes[..written]) : null;
    }
}
