namespace AspNetFtp.Admin.Dashboard;

/// <summary>One series of an hourly chart: its name in the legend, its CSS class (the bar colour) and a value per hour.</summary>
internal sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<long> Values);
