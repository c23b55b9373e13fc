namespace AspNetFtp.Protocol.Replies;

/// <summary>Makes reply text safe: no CR, LF or NUL can end a reply early or inject another.</summary>
internal static class ReplyText
{
    public static string Sanitize(string text)
    {
        if (text.AsSpan().IndexOfAny('\r', '\n', '\0') < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c is '\r' or '\n' or '\0' ? ' ' : c;
            }
        });
    }

    /// <summary>Quotes a path for a 257 reply (RFC 959 Appendix II): embedded double quotes are doubled.</summary>
    public static string QuotePath(string path) => "\"" + path.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
