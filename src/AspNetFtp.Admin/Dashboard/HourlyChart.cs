using System.Globalization;

namespace AspNetFtp.Admin.Dashboard;

/// <summary>
/// An hourly bar chart, laid out on the server and rendered by the page as inline SVG (no script): bars side by side
/// per hour, a vertical axis in human units, a label every third hour. The page also renders the same values as a table.
/// </summary>
internal sealed record HourlyChart(
    string Id,
    string Title,
    string Description,
    string YCaption,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ChartBar> Bars,
    IReadOnlyList<ChartTick> YTicks,
    IReadOnlyList<ChartTick> XTicks,
    IReadOnlyList<IReadOnlyList<string>> TableRows)
{
    public const int Width = 720;
    public const int Height = 250;
    public const int Left = 72;
    public const int Right = 12;
    public const int Top = 12;
    public const int Bottom = 44;

    public static string PlotRight => N(Width - Right);

    public static string PlotBottom => N(Height - Bottom);

    public static string PlotLeft => N(Left);

    public static string XCaptionY => N(Height - 6);

    public static string YCaptionY => N(Top + ((Height - Top - Bottom) / 2.0));

    /// <summary>Lays out <paramref name="series"/> (one value per entry of <paramref name="hours"/>) on <paramref name="scale"/>.</summary>
    public static HourlyChart Build(
        string id, string title, string description, string yCaption, IReadOnlyList<DateTimeOffset> hours,
        IReadOnlyList<ChartSeries> series, ChartScale scale, Func<long, string> format)
    {
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        double slot = plotWidth / Math.Max(1, hours.Count);
        double barWidth = slot * 0.8 / Math.Max(1, series.Count);
        var bars = new List<ChartBar>();
        var xTicks = new List<ChartTick>();
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < hours.Count; i++)
        {
            string hour = Hour(hours[i]);
            rows.Add([hour, .. series.Select(s => format(s.Values[i]))]);
            for (int s = 0; s < series.Count; s++)
            {
                long value = series[s].Values[i];
                double height = plotHeight * value / scale.Max;
                double x = Left + (i * slot) + (slot * 0.1) + (s * barWidth);
                bars.Add(new ChartBar(N(x), N(Top + plotHeight - height), N(barWidth), N(height), series[s].CssClass,
                    $"{hour} UTC: {format(value)} {series[s].Name.ToLowerInvariant()}"));
            }

            if (hours[i].UtcDateTime.Hour % 3 == 0)
            {
                xTicks.Add(new ChartTick(N(Left + (i * slot) + (slot / 2)), hour));
            }
        }

        var yTicks = new List<ChartTick>();
        for (long value = 0; value <= scale.Max; value += scale.Step)
        {
            yTicks.Add(new ChartTick(N(Top + plotHeight - (plotHeight * value / scale.Max)), scale.Label(value)));
        }

        return new HourlyChart(id, title, description, yCaption, series, bars, yTicks, xTicks, rows);
    }

    /// <summary><c>14:00</c>: an hour's start, UTC.</summary>
    public static string Hour(DateTimeOffset hour) => hour.UtcDateTime.ToString("HH:00", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: invariant culture, one decimal.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
