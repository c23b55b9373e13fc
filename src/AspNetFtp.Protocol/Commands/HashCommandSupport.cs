using System.Security.Cryptography;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Commands;

/// <summary>Names and hashers of the HASH algorithms (draft-bryan-ftp-hash §3).</summary>
internal static class HashCommandSupport
{
    private static readonly (FtpChecksumAlgorithm Kind, string Name)[] Names =
    [
        (FtpChecksumAlgorithm.Sha256, "SHA-256"),
        (FtpChecksumAlgorithm.Sha1, "SHA-1"),
        (FtpChecksumAlgorithm.Md5, "MD5"),
        (FtpChecksumAlgorithm.Crc32, "CRC32"),
    ];

    public static string Name(FtpChecksumAlgorithm kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>The FEAT line: every algorithm, the selected one starred.</summary>
    public static string FeatureList(FtpChecksumAlgorithm selected) =>
        string.Join(';', Names.Select(n => n.Kind == selected ? n.Name + "*" : n.Name));

    public static bool TryParse(string text, out FtpChecksumAlgorithm kind)
    {
        foreach ((FtpChecksumAlgorithm k, string name) in Names)
        {
            if (name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static async Task<string> ComputeAsync(Stream stream, FtpChecksumAlgorithm kind, CancellationToken cancellationToken)
    {
        if (kind == FtpChecksumAlgorithm.Crc32)
        {
            uint crc = await Crc32.ComputeAsync(stream, cancellationToken);
            return crc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }

        byte[] hash = kind switch
        {
            FtpChecksumAlgorithm.Sha256 => await SHA256.HashDataAsync(stream, cancellationToken),
#pragma warning disable CA5350, CA5351 // HASH offers SHA-1 and MD5 because clients ask for them; they protect nothing here.
            FtpChecksumAlgorithm.Sha1 => await SHA1.HashDataAsync(stream, cancellationToken),
            FtpChecksumAlgorithm.Md5 => await MD5.HashDataAsync(stream, cancellationToken),
#pragma warning restore CA5350, CA5351
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return Convert.ToHexStringLower(hash);
    }
}
