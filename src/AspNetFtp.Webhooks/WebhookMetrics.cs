using System.Diagnostics.Metrics;

namespace AspNetFtp.Webhooks;

/// <summary>
/// The instruments of the <c>AspNetFtp.Webhooks</c> meter (docs/metrics.md), each tagged with <c>hook</c>: the hook's
/// index in <c>FtpServer:Webhooks:Hooks</c> (never its URL, which may carry a token).
/// </summary>
public sealed class WebhookMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> in OpenTelemetry or <c>dotnet-counters --counters</c>.</summary>
    public const string MeterName = "AspNetFtp.Webhooks";

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dropped;

    /// <summary>Creates the meter and its instruments from <paramref name="meterFactory"/>.</summary>
    public WebhookMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(MeterName);
        _delivered = meter.CreateCounter<long>("ftp.webhooks.delivered", "{delivery}",
            "Deliveries a hook answered with 2xx (after retries, if any).");
        _failed = meter.CreateCounter<long>("ftp.webhooks.failed", "{delivery}",
            "Deliveries given up after the last retry, the total timeout or a final answer (3xx, 4xx).");
        _dropped = meter.CreateCounter<long>("ftp.webhooks.dropped", "{delivery}",
            "Deliveries never attempted because the hook's queue was full or the server was stopping.");
    }

    internal void Delivered(int hook) => Add(_delivered, hook);

    internal void Failed(int hook) => Add(_failed, hook);

    internal void Dropped(int hook) => Add(_dropped, hook);

    private static void Add(Counter<long> counter, int hook)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>("hook", hook.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
