using System.Globalization;

namespace AspNetFtp.Admin.Dashboard;

/// <summary>
/// A chart's vertical axis: from 0 to <see cref="Max"/> in ticks of <see cref="Step"/>, a round number of one unit
/// (bytes in B, KiB, MiB, GiB or TiB, the unit the largest value reads best in; counts as plain numbers).
/// </summary>
internal sealed class ChartScale
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB"];

    private readonly long _unit;
    private readonly string? _unitName;

    private ChartScale(long largest, long unit, string? unitName)
    {
        _unit = unit;
        _unitName = unitName;
        long scaled = (largest + unit - 1) / unit;
        long step = Nice(Math.Max(1, (scaled + 3) / 4));
        long ticks = Math.Max(1, (scaled + step - 1) / step);
        Step = step * unit;
        Max = ticks * Step;
    }

    /// <summary>The axis' top value (at least one step).</summary>
    public long Max { get; }

    /// <summary>The value between two ticks.</summary>
    public long Step { get; }

    /// <summary>A byte axis for values up to <paramref name="largest"/>.</summary>
    public static ChartScale ForBytes(long largest)
    {
        long unit = 1;
        int index = 0;
        while (index < ByteUnits.Length - 1 && largest >= unit * 1024)
        {
            unit *= 1024;
            index++;
        }

        return new ChartScale(Math.Max(0, largest), unit, ByteUnits[index]);
    }

    /// <summary>A count axis for values up to <paramref name="largest"/>.</summary>
    public static ChartScale ForCounts(long largest) => new(Math.Max(0, largest), 1, null);

    /// <summary>A tick's label: <c>512 KiB</c>, <c>3</c>.</summary>
    public string Label(long value) => _unitName is null
        ? value.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{value / _unit} {_unitName}");

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50, ... at least <paramref name="value"/>.</summary>
    private static long Nice(long value)
    {
        for (long power = 1; ; power *= 10)
        {
            foreach (long m in (long[])[1, 2, 5])
            {
                if (m * power >= value)
                {
                    return m * power;
                }
            }
        }
    }
}
