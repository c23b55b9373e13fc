using System.Globalization;

namespace AspNetFtp.Testing;

/// <summary>One reply, single or multi-line (RFC 959 §4.2): <c>ddd-first</c> ... <c>ddd last</c>.</summary>
public sealed record FtpReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>The lines as received (without CRLF), joined by <c>\n</c>; begins with the code.</summary>
    public string Text => string.Join("\n", Lines);

    public bool IsMultiline => Lines.Count > 1;

    /// <summary>1yz: the command was accepted and another reply follows (150 before a transfer).</summary>
    public bool IsPreliminary => Code is >= 100 and < 200;

    public bool IsPositiveCompletion => Code is >= 200 and < 300;

    /// <summary>4yz or 5yz.</summary>
    public bool IsNegative => Code >= 400;

    public override string ToString() => Text;

    /// <summary>The code of a reply's first line: three digits, then the end of the line, a space or a hyphen.</summary>
    public static int ParseCode(string line) =>
        line.Length >= 3 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2])
        && (line.Length == 3 || line[3] is ' ' or '-')
            ? int.Parse(line.AsSpan(0, 3), CultureInfo.InvariantCulture)
            : throw new FormatException($"Not an FTP reply line: '{line}'");
}
