using System.Text;

namespace AspNetFtp.Identity.Audit;

/// <summary>
/// Text bound for the audit table: controls (C0, DEL, C1), bidirectional controls and line/paragraph separators
/// become <c>?</c> (the engine's rule for logs and replies), and the text is cut to its column's length without
/// splitting a surrogate pair (a lone surrogate becomes <c>?</c> too), so no value a client chose can fail a batch or forge a line.
/// </summary>
internal static class AuditText
{
    public static string? Clean(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        int length = Math.Min(text.Length, maxLength);
        if (length < text.Length && length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            // A lone surrogate is not UTF-8 text either: a database would refuse it.
            builder.Append(IsMasked(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return builder.ToString();
    }

    private static bool IsMasked(char c) =>
        char.IsControl(c)
        || c is '\u200E' or '\u200F' or '\u061C' or '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
