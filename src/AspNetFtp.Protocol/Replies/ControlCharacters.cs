using System.Buffers;

namespace AspNetFtp.Protocol.Replies;

/// <summary>
/// The one rule for control characters in anything a client or a log sees (replies, listings, log values):
/// each C0 control (U+0000-U+001F), DEL (U+007F) and C1 control (U+0080-U+009F) becomes <c>?</c>, as vsftpd
/// shows unprintable names. So do the Unicode line and paragraph separators (U+2028, U+2029), which some viewers
/// break lines on, and the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which
/// make a name display as another (<c>txt.exe</c> shown as <c>exe.txt</c>). No name can then split a listing or
/// reply line, disguise itself, or drive a terminal that shows a log.
/// </summary>
internal static class ControlCharacters
{
    public const char Replacement = '?';

    private static readonly SearchValues<char> Controls = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20)
            .Concat(Enumerable.Range(0x7F, 0x21))
            .Concat([0x061C, 0x200E, 0x200F, 0x2028, 0x2029])
            .Concat(Enumerable.Range(0x202A, 5))
            .Concat(Enumerable.Range(0x2066, 4))
            .Select(c => (char)c)));

    /// <summary>True when <paramref name="text"/> holds a character that <see cref="Mask"/> would replace.</summary>
    public static bool Contains(ReadOnlySpan<char> text) => text.ContainsAny(Controls);

    /// <summary>The text with every control character replaced by <see cref="Replacement"/>; the same instance when there is none.</summary>
    public static string Mask(string text)
    {
        int first = text.AsSpan().IndexOfAny(Controls);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (int i = state.first; i < span.Length; i++)
            {
                if (Controls.Contains(span[i]))
                {
                    span[i] = Replacement;
                }
            }
        });
    }

    /// <summary>Like <see cref="Mask(string)"/>, for log values that may be null.</summary>
    public static string? MaskOrNull(string? text) => text is null ? null : Mask(text);
}
