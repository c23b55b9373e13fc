using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AspNetFtp.Protocol.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>One measurement: the instrument's name, the value and its tags.</summary>
internal sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>
/// An <see cref="FtpMetrics"/> on its own meter factory and a <see cref="MeterListener"/> that records only that
/// factory's instruments, so tests running side by side (each with its own <c>AspNetFtp</c> meter) never mix.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public MetricRecorder()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new FtpMetrics(factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                Instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    public FtpMetrics Metrics { get; }

    /// <summary>Every instrument of the meter, by name.</summary>
    public ConcurrentDictionary<string, Instrument> Instruments { get; } = new();

    /// <summary>The measurements of one instrument, in order.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Asks the observable instruments (the gauge) for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, map));
    }
}
