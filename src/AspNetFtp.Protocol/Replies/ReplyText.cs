namespace AspNetFtp.Protocol.Replies;

/// <summary>Makes reply text safe: no control character (CR, LF, NUL, ESC, ...) can end a reply early, inject another or reach a terminal.</summary>
internal static class ReplyText
{
    /// <summary>Replaces every control character with <c>?</c> (<see cref="ControlCharacters"/>).</summary>
    public static string Sanitize(string text) => ControlCharacters.Mask(text);

    /// <summary>Quotes a path for a 257 reply (RFC 959 Appendix II): embedded double quotes are doubled.</summary>
    public static string QuotePath(string path) => "\"" + path.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
