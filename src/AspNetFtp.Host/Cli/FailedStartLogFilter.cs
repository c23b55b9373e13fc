using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// A failed start is reported in one line (<see cref="StartFailure"/>); the Generic Host's own report of it
/// (an error with a stack trace) is dropped until the server serves. A filter for a category replaces the
/// configured level for it, so that level is looked up and kept.
/// </summary>
internal sealed class FailedStartLogFilter
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private volatile bool _started;

    private FailedStartLogFilter()
    {
    }

    public static FailedStartLogFilter AddTo(IHostApplicationBuilder builder)
    {
        var filter = new FailedStartLogFilter();
        LogLevel configured = ConfiguredLevel(builder.Configuration, HostCategory);
        builder.Logging.AddFilter(HostCategory, level => level >= configured && (filter._started || level < LogLevel.Error));
        return filter;
    }

    /// <summary>The server serves: from now on the host's errors are logged as configured.</summary>
    public void Started() => _started = true;

    /// <summary>
    /// The level <c>Logging:LogLevel</c> gives a category: its own entry, else the longest configured prefix of its
    /// dotted name, else <c>Default</c>, else Information (the rule Microsoft.Extensions.Logging applies).
    /// </summary>
    private static LogLevel ConfiguredLevel(IConfiguration configuration, string category)
    {
        IConfigurationSection levels = configuration.GetSection("Logging:LogLevel");
        for (string name = category; name.Length > 0; name = name.LastIndexOf('.') is var dot and > 0 ? name[..dot] : string.Empty)
        {
            if (Enum.TryParse(levels[name], ignoreCase: true, out LogLevel level))
            {
                return level;
            }
        }

        return Enum.TryParse(levels["Default"], ignoreCase: true, out LogLevel fallback) ? fallback : LogLevel.Information;
    }
}
