using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Events;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Tests.Metrics;

public sealed class FtpMetricsTests : IDisposable
{
    private readonly MetricRecorder _recorder = new();

    private FtpMetrics Metrics => _recorder.Metrics;

    public void Dispose() => _recorder.Dispose();

    private static (double Value, string Tags)[] Summary(IReadOnlyList<RecordedMeasurement> measurements) =>
        [.. measurements.Select(m => (m.Value, string.Join(",", m.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))))];

    [Theory]
    [InlineData("ftp.sessions.active", "{session}", "UpDownCounter`1")]
    [InlineData("ftp.connections.accepted", "{connection}", "Counter`1")]
    [InlineData("ftp.connections.refused", "{connection}", "Counter`1")]
    [InlineData("ftp.logins", "{login}", "Counter`1")]
    [InlineData("ftp.bytes.sent", "By", "Counter`1")]
    [InlineData("ftp.bytes.received", "By", "Counter`1")]
    [InlineData("ftp.transfers", "{transfer}", "Counter`1")]
    [InlineData("ftp.transfer.duration", "s", "Histogram`1")]
    [InlineData("ftp.passive_ports.in_use", "{port}", "ObservableGauge`1")]
    [InlineData("ftp.events.dropped", "{event}", "Counter`1")]
    [InlineData("ftp.tls.certificate_reloads", "{reload}", "Counter`1")]
    public void Each_instrument_is_on_the_aspnetftp_meter_with_its_documented_unit_and_kind(string name, string unit, string kind)
    {
        Assert.True(_recorder.Instruments.TryGetValue(name, out var instrument), $"no instrument {name}");
        Assert.Equal(FtpMetrics.MeterName, instrument.Meter.Name);
        Assert.Equal(unit, instrument.Unit);
        Assert.Equal(kind, instrument.GetType().Name);
    }

    [Fact]
    public void Sessions_opened_and_closed_move_the_active_sessions_up_and_down()
    {
        Metrics.SessionOpened();
        Metrics.SessionOpened();
        Metrics.SessionClosed();

        Assert.Equal([(1, ""), (1, ""), (-1, "")], Summary(_recorder.Of("ftp.sessions.active")));
    }

    [Fact]
    public void An_accepted_connection_counts_one()
    {
        Metrics.ConnectionAccepted();

        Assert.Equal([(1, "")], Summary(_recorder.Of("ftp.connections.accepted")));
    }

    [Fact]
    public void A_refused_connection_counts_one_with_its_reason()
    {
        Metrics.ConnectionRefused(FtpMetrics.TooManyConnectionsFromAddress);
        Metrics.ConnectionRefused(FtpMetrics.TooManyConnections);

        Assert.Equal([(1, "reason=max_connections_per_ip"), (1, "reason=max_connections")], Summary(_recorder.Of("ftp.connections.refused")));
    }

    [Fact]
    public void Logins_count_with_their_result()
    {
        Metrics.LoginFailed();
        Metrics.LoginSucceeded();

        Assert.Equal([(1, "result=failed"), (1, "result=succeeded")], Summary(_recorder.Of("ftp.logins")));
    }

    [Fact]
    public void Bytes_sent_and_received_add_their_counts_to_separate_instruments()
    {
        Metrics.BytesSent(1500);
        Metrics.BytesReceived(42);
        Metrics.BytesSent(7);

        Assert.Equal([(1500, ""), (7, "")], Summary(_recorder.Of("ftp.bytes.sent")));
        Assert.Equal([(42, "")], Summary(_recorder.Of("ftp.bytes.received")));
    }

    [Fact]
    public void An_ended_transfer_counts_one_and_records_its_duration_in_seconds_with_direction_and_result()
    {
        Metrics.TransferEnded(FtpMetrics.Upload, FtpMetrics.Incomplete, TimeSpan.FromMilliseconds(2500));
        Metrics.TransferEnded(FtpMetrics.Listing, FtpMetrics.Complete, TimeSpan.FromMilliseconds(20));

        Assert.Equal([(1, "direction=upload,result=incomplete"), (1, "direction=listing,result=complete")],
            Summary(_recorder.Of("ftp.transfers")));
        Assert.Equal([(2.5, "direction=upload,result=incomplete"), (0.02, "direction=listing,result=complete")],
            Summary(_recorder.Of("ftp.transfer.duration")));
    }

    [Theory]
    [InlineData("UPLOAD", "complete")]
    [InlineData("download", "aborted")]
    public void An_ended_transfer_with_an_unknown_direction_or_result_is_refused_and_not_counted(string direction, string result)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.TransferEnded(direction, result, TimeSpan.FromSeconds(1)));

        Assert.Empty(_recorder.Of("ftp.transfers"));
    }

    [Fact]
    public void The_passive_ports_gauge_reports_the_ports_handed_out_from_a_range()
    {
        var pool = new PassivePortPool(PortRanges.Parse("40000-40009"));
        Metrics.ObservePassivePorts(pool);
        Assert.True(pool.TryRent(out int first));
        Assert.True(pool.TryRent(out _));
        Assert.True(pool.TryRent(out _));
        pool.Return(first);

        _recorder.Observe();

        Assert.Equal([(2, "")], Summary(_recorder.Of("ftp.passive_ports.in_use")));
    }

    [Fact]
    public void The_passive_ports_gauge_counts_ephemeral_ports_too()
    {
        var pool = new PassivePortPool(null);
        Metrics.ObservePassivePorts(pool);
        Assert.True(pool.TryRent(out int port));
        Assert.True(pool.TryRent(out _));
        _recorder.Observe();
        pool.Return(port);
        _recorder.Observe();

        Assert.Equal([(2, ""), (1, "")], Summary(_recorder.Of("ftp.passive_ports.in_use")));
    }

    [Fact]
    public async Task Dropped_events_are_counted_per_sink()
    {
        var slow = new FtpEventQueueTests.BlockingSink();
        var fast = new CountingSink();
        var queue = new FtpEventQueue([slow, fast], NullLogger<FtpEventQueue>.Instance,
            Options.Create(new FtpServerOptions { Limits = { EventQueueCapacity = 1 } }), Metrics);
        try
        {
            queue.Publish(new FileDeleted(DateTimeOffset.UnixEpoch, "/held"));
            await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await fast.WaitForCountAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
            queue.Publish(new FileDeleted(DateTimeOffset.UnixEpoch, "/queued"));
            await fast.WaitForCountAsync(2).WaitAsync(TimeSpan.FromSeconds(10));
            queue.Publish(new FileDeleted(DateTimeOffset.UnixEpoch, "/dropped"));
            await fast.WaitForCountAsync(3).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal([(1, "sink=BlockingSink")], Summary(_recorder.Of("ftp.events.dropped")));
        }
        finally
        {
            slow.Release.SetResult();
            await queue.DisposeAsync();
        }
    }
}
