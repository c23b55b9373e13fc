using CsCheck;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>Generators of hostile text: path tricks, look-alikes, controls, surrogates and plain random characters.</summary>
internal static class FuzzGen
{
    /// <summary>Pieces that path and command attacks are made of.</summary>
    private static readonly string[] Tricks =
    [
        "..", ".", "/", "//", "\\", "..\\", "%2e%2e", "%2f", "%00", "\0", "\r", "\n", "\r\n", " ", "~", "*", "?",
        "\u2025", "\uFF0E\uFF0E", "\u2024\u2024", "\uFF0F", "\u2215", "\u29F8", "\u0085", "\u2028", "\u2029", "\u202E",
        "\u200E", "\u061C", "\u2066", "\u007F", "\u009B", "\u00A0", "\uFEFF", "\uD800", "\uDC00", "\uD83D\uDE00", "\u017F",
        "\u0131", "a", "b", "etc", "passwd", "con", "nul:", "C:", ":", "\"", "'", ";", "|", "$", "\x1b[2J",
    ];

    public static Gen<string> Trick { get; } = Gen.OneOf(Tricks);

    /// <summary>Any UTF-16 code unit, lone surrogates included.</summary>
    public static Gen<char> AnyChar { get; } = Gen.Char;

    /// <summary>Random text: trick pieces mixed with random characters, sometimes very long.</summary>
    public static Gen<string> HostileText { get; } = Gen.Frequency(
        (6, Gen.OneOf(Trick, AnyChar.Select(c => c.ToString()), Gen.Char['a', 'z'].Select(c => c.ToString())).Array[0, 24].Select(string.Concat)),
        (2, Gen.String[AnyChar, 0, 64]),
        (1, Gen.Select(Trick, Gen.Int[200, 5000]).Select((t, n) => string.Concat(Enumerable.Repeat(t, n)))));

    /// <summary>Random bytes, sometimes with CR, LF, NUL, IAC and UTF-8 lead bytes more likely.</summary>
    public static Gen<byte[]> HostileBytes { get; } = Gen.Frequency(
        (3, Gen.Byte),
        (1, Gen.OneOf<byte>(0x0D, 0x0A, 0x00, 0xFF, 0xF2, 0xF4, 0xF0, 0xC0, 0x80, 0x20))).Array[0, 96];
}
