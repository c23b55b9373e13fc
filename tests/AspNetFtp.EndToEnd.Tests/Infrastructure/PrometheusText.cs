using System.Globalization;
using System.Text.RegularExpressions;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The samples of a Prometheus text-format scrape (<c>name{label="value",...} value [timestamp]</c>; comments and
/// blank lines skipped), looked up by name and a subset of labels.
/// </summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusText()
    {
    }

    public IEnumerable<string> Names => _samples.Select(s => s.Name).Distinct(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            Match sample = Sample().Match(line);
            if (!sample.Success)
            {
                throw new FormatException($"not a Prometheus sample: '{line}'");
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(sample.Groups["labels"].Value))
            {
                labels[label.Groups["key"].Value] = Regex.Unescape(label.Groups["value"].Value);
            }

            string value = sample.Groups["value"].Value;
            double number = value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            parsed._samples.Add((sample.Groups["name"].Value, labels, number));
        }

        return parsed;
    }

    /// <summary>The one sample named <paramref name="name"/> carrying every label given; throws when none or several match.</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var matches = _samples
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out string? v) && v == l.Value))
            .ToList();
        return matches.Count == 1
            ? matches[0].Value
            : throw new KeyNotFoundException($"{matches.Count} samples {name} with {string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"))}");
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+-?\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
