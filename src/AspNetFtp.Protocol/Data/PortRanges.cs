using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AspNetFtp.Protocol.Data;

/// <summary>A parsed passive port setting such as <c>30000-30100</c> or <c>12345,30000-50000</c>.</summary>
public sealed class PortRanges
{
    private readonly (int Start, int End)[] _ranges;

    private PortRanges((int Start, int End)[] ranges)
    {
        _ranges = ranges;
        Count = ranges.Sum(r => r.End - r.Start + 1);
    }

    /// <summary>How many ports the ranges hold (overlaps are merged).</summary>
    public int Count { get; }

    /// <summary>The ranges, sorted, with overlapping and adjacent ones merged; both bounds inclusive.</summary>
    public IReadOnlyList<(int Start, int End)> Ranges => _ranges;

    /// <summary>The port at a position in 0..Count-1.</summary>
    public int PortAt(int index)
    {
        foreach ((int start, int end) in _ranges)
        {
            int size = end - start + 1;
            if (index < size)
            {
                return start + index;
            }

            index -= size;
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>True when <paramref name="port"/> is in one of the ranges.</summary>
    public bool Contains(int port) => _ranges.Any(r => port >= r.Start && port <= r.End);

    /// <summary>Parses comma-separated ports and ranges (<c>START-END</c>, 1 to 65535).</summary>
    /// <param name="text">The setting, such as <c>30000-30100</c>.</param>
    /// <param name="ranges">The parsed ranges when the text is valid.</param>
    /// <param name="error">What is wrong with the text when it is not.</param>
    /// <returns>True when the text is valid.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PortRanges? ranges, [NotNullWhen(false)] out string? error)
    {
        ranges = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no port range given";
            return false;
        }

        var parsed = new List<(int Start, int End)>();
        foreach (string rawPart in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (rawPart.Length == 0)
            {
                error = $"empty entry in '{text}'";
                return false;
            }

            string[] bounds = rawPart.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !TryParsePort(bounds[0], out int start) || !TryParsePort(bounds[^1], out int end))
            {
                error = $"'{rawPart}' is not a port or a range of ports between 1 and 65535";
                return false;
            }

            if (end < start)
            {
                error = $"'{rawPart}' ends before it starts";
                return false;
            }

            parsed.Add((start, end));
        }

        parsed.Sort();
        var merged = new List<(int Start, int End)>();
        foreach ((int start, int end) in parsed)
        {
            if (merged.Count > 0 && start <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        ranges = new PortRanges([.. merged]);
        return true;
    }

    /// <summary>Parses as <see cref="TryParse"/> does.</summary>
    /// <exception cref="FormatException">The text is not a valid list of ports and ranges.</exception>
    public static PortRanges Parse(string text) =>
        TryParse(text, out PortRanges? r, out string? e) ? r : throw new FormatException(e);

    /// <summary>The ranges in the setting's form, such as <c>21000,30000-30100</c>.</summary>
    public override string ToString() =>
        string.Join(',', _ranges.Select(r => r.Start == r.End
            ? r.Start.ToString(CultureInfo.InvariantCulture)
            : $"{r.Start.ToString(CultureInfo.InvariantCulture)}-{r.End.ToString(CultureInfo.InvariantCulture)}"));

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
