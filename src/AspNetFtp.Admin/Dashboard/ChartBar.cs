namespace AspNetFtp.Admin.Dashboard;

/// <summary>One bar of an hourly chart, its coordinates already SVG text (invariant culture), and its tooltip.</summary>
internal sealed record ChartBar(string X, string Y, string Width, string Height, string CssClass, string Label);
