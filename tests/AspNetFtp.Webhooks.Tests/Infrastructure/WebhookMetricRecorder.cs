using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>
/// Sums the measurements of the <c>AspNetFtp.Webhooks</c> meter created by one host's meter factory (tests running
/// side by side never mix), per instrument and <c>hook</c> tag.
/// </summary>
internal sealed class WebhookMetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Hook), long> _totals = new();

    public WebhookMetricRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == WebhookMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? hook = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "hook")
                {
                    hook = tag.Value as string;
                }
            }

            _totals.AddOrUpdate((instrument.Name, hook), value, (_, sum) => sum + value);
            Changes.Notify();
        });
        _listener.Start();
    }

    public ChangeSignal Changes { get; } = new();

    /// <summary>The sum of <paramref name="instrument"/> for the hook at <paramref name="hook"/>.</summary>
    public long Total(string instrument, int hook) => _totals.GetValueOrDefault((instrument, hook.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void Dispose() => _listener.Dispose();
}
