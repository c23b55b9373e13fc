using System.Globalization;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>One reply, single or multi-line (RFC 959 §4.2): <c>ddd-first</c> ... <c>ddd last</c>.</summary>
internal sealed record FtpReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join("\n", Lines);

    public bool IsMultiline => Lines.Count > 1;

    public override string ToString() => Text;

    public static int ParseCode(string line) =>
        line.Length >= 3 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2])
        && (line.Length == 3 || line[3] is ' ' or '-')
            ? int.Parse(line.AsSpan(0, 3), CultureInfo.InvariantCulture)
            : throw new FormatException($"Not an FTP reply line: '{line}'");
}
