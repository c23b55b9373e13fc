using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Implemented by an <see cref="IFtpFileSystem"/> whose store keeps checksums of whole files (an object store's
/// checksum or MD5): HASH and the X-digest commands ask it first and read the file only when it has none.
/// </summary>
public interface IFtpStoredChecksums
{
    /// <summary>
    /// The stored checksum of the whole file at <paramref name="path"/> as lowercase hexadecimal, or null when the
    /// store has none in <paramref name="algorithm"/> (the engine then reads the file and computes it).
    /// </summary>
    ValueTask<string?> GetStoredChecksumAsync(FtpPath path, FtpChecksumAlgorithm algorithm, CancellationToken cancellationToken);
}
