using System.Globalization;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>One (possibly multi-line) reply: <c>ddd-text</c> ... <c>ddd text</c>.</summary>
internal sealed record FtpReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join("\n", Lines);

    public bool IsPreliminary => Code is >= 100 and < 200;

    public bool IsPositiveCompletion => Code is >= 200 and < 300;

    public bool IsNegative => Code >= 400;

    public override string ToString() => Text;

    public static int ParseCode(string line) =>
        line.Length >= 3 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2])
            ? int.Parse(line.AsSpan(0, 3), CultureInfo.InvariantCulture)
            : throw new FormatException($"Not an FTP reply line: '{line}'");
}
