using System.Globalization;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// Limit values as an operator types them (<c>setftplimits</c>, the admin's Limits form): a whole number with an
/// optional binary suffix K, M or G (1024, 1024², 1024³), or <c>none</c> for "no limit", or <c>inherit</c> for an
/// account that takes its group's value.
/// </summary>
public static class FtpLimitText
{
    /// <summary>The word for "no limit".</summary>
    public const string None = "none";

    /// <summary>The word for "the group's value" (accounts only).</summary>
    public const string Inherit = "inherit";

    /// <summary>A size or rate: digits and an optional K, M or G (any case), within a long; false for anything else.</summary>
    public static bool TryParseSize(string? text, out long value)
    {
        value = 0;
        string t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return false;
        }

        long factor = char.ToUpperInvariant(t[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1,
        };
        string digits = factor == 1 ? t : t[..^1];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number)
            || number > long.MaxValue / factor)
        {
            return false;
        }

        value = number * factor;
        return true;
    }

    /// <summary>
    /// A limit setting: a size (see <see cref="TryParseSize"/>), <c>none</c> (no limit: null for a group, 0 for an
    /// account, which then ignores its group's) or, for an account, <c>inherit</c> (null: the group's value).
    /// </summary>
    public static bool TryParseLimit(string? text, bool forAccount, out long? value)
    {
        value = null;
        string t = (text ?? string.Empty).Trim();
        if (string.Equals(t, None, StringComparison.OrdinalIgnoreCase))
        {
            value = forAccount ? 0 : null;
            return true;
        }

        if (string.Equals(t, Inherit, StringComparison.OrdinalIgnoreCase))
        {
            return forAccount;
        }

        if (TryParseSize(t, out long size))
        {
            value = size;
            return true;
        }

        return false;
    }

    /// <summary>A size for people: bytes below 1 KiB, else KiB, MiB or GiB with one decimal.</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.#} GiB"),
    };
}
