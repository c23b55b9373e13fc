namespace AspNetFtp.Admin.Dashboard;

/// <summary>A tick of an axis: its position (SVG text, invariant culture) and its label.</summary>
internal sealed record ChartTick(string Position, string Label);
