using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>An authenticator app's codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) from an Identity authenticator key (RFC 4648 base32).</summary>
internal static class Totp
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The codes of the steps around <paramref name="now"/> (Identity accepts two steps either side).</summary>
    public static IReadOnlyList<string> CodesAround(string base32Key, DateTimeOffset now, int stepsEitherSide)
    {
        byte[] key = FromBase32(base32Key);
        long step = now.ToUnixTimeSeconds() / 30;
        var codes = new List<string>();
        for (long s = step - stepsEitherSide; s <= step + stepsEitherSide; s++)
        {
            codes.Add(Code(key, s));
        }

        return codes;
    }

    public static string Code(string base32Key, DateTimeOffset now) => Code(FromBase32(base32Key), now.ToUnixTimeSeconds() / 30);

    private static string Code(byte[] key, long step)
    {
        byte[] counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        byte[] hash = HMACSHA1.HashData(key, counter);
        int offset = hash[^1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0;
        int bits = 0;
        foreach (char c in text.TrimEnd('=').ToUpperInvariant())
        {
            int value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
