using System.Security.Cryptography;
using System.Text;

namespace AspNetFtp.Webhooks;

/// <summary>The signature of a delivery: <c>sha256=</c> and the hex HMAC-SHA256 of the body, keyed with the hook's secret.</summary>
public static class WebhookSignature
{
    /// <summary>What precedes the hex digest in <see cref="WebhookHeaders.Signature"/>.</summary>
    public const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/> signed with <paramref name="secret"/> (its UTF-8 bytes).</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        byte[] key = Encoding.UTF8.GetBytes(secret);
        try
        {
            Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, body, digest);
            return Prefix + Convert.ToHexStringLower(digest);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// True when <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="secret"/>,
    /// compared in constant time: what a .NET receiver calls before trusting a delivery.
    /// </summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null)
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        byte[] given = Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
