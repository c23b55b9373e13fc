using System.Diagnostics.Metrics;
using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Metrics;

/// <summary>
/// The engine's instruments on the <c>AspNetFtp</c> meter (docs/metrics.md lists them), counted where things
/// happen rather than from the event queue, so a full queue never loses a count. Each method costs a check
/// of the instrument when nobody listens.
/// </summary>
public sealed class FtpMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> in OpenTelemetry or <c>dotnet-counters --counters</c>.</summary>
    public const string MeterName = "AspNetFtp";

    /// <summary><c>direction</c> tag of a transfer: a file from the client (STOR, APPE, STOU).</summary>
    public const string Upload = "upload";

    /// <summary><c>direction</c> tag of a transfer: a file to the client (RETR).</summary>
    public const string Download = "download";

    /// <summary><c>direction</c> tag of a transfer: a directory listing (LIST, NLST, MLSD).</summary>
    public const string Listing = "listing";

    /// <summary><c>result</c> tag of a transfer: every byte moved and 226 sent.</summary>
    public const string Complete = "complete";

    /// <summary><c>result</c> tag of a transfer: cut short (ABOR, the client closed, a timeout).</summary>
    public const string Incomplete = "incomplete";

    /// <summary><c>result</c> tag of a transfer: never started moving data or failed on the server's side (storage, data connection).</summary>
    public const string Failed = "failed";

    /// <summary><c>reason</c> tag of a refused connection: <c>MaxConnections</c> reached.</summary>
    public const string TooManyConnections = "max_connections";

    /// <summary><c>reason</c> tag of a refused connection: <c>MaxConnectionsPerIp</c> reached for the client's address.</summary>
    public const string TooManyConnectionsFromAddress = "max_connections_per_ip";

    /// <summary>Refused reason: a connection preamble (PROXY header) was refused, broken or late.</summary>
    public const string PreambleRefused = "preamble";

    /// <summary>Refused reason: the client's address is banned (<c>FtpServer:Defender</c>).</summary>
    public const string Banned = "banned";

    private static readonly double[] DurationBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

    private readonly UpDownCounter<long> _sessionsActive;
    private readonly Counter<long> _connectionsAccepted;
    private readonly Counter<long> _connectionsRefused;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _transfers;
    private readonly Histogram<double> _transferDuration;
    private readonly Counter<long> _eventsDropped;
    private readonly Counter<long> _tlsReloads;
    private readonly Counter<long> _defenderPoints;
    private readonly Counter<long> _defenderBans;
    private readonly Counter<long> _defenderLifts;
    private readonly Counter<long> _defenderStoreFailures;
    private PassivePortPool? _passivePorts;

    /// <summary>Creates the <c>AspNetFtp</c> meter and its instruments from <paramref name="meterFactory"/>.</summary>
    public FtpMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(MeterName);
        _sessionsActive = meter.CreateUpDownCounter<long>("ftp.sessions.active", "{session}",
            "Control connections open now (accepted and not yet closed).");
        _connectionsAccepted = meter.CreateCounter<long>("ftp.connections.accepted", "{connection}",
            "Control connections accepted within the connection limits.");
        _connectionsRefused = meter.CreateCounter<long>("ftp.connections.refused", "{connection}",
            "Control connections refused with 421 at a connection limit.");
        _logins = meter.CreateCounter<long>("ftp.logins", "{login}", "Login attempts (PASS), by result.");
        _bytesSent = meter.CreateCounter<long>("ftp.bytes.sent", "By", "Bytes sent to clients on data connections.");
        _bytesReceived = meter.CreateCounter<long>("ftp.bytes.received", "By", "Bytes received from clients on data connections.");
        _transfers = meter.CreateCounter<long>("ftp.transfers", "{transfer}", "Transfers ended, by direction and result.");
        _transferDuration = meter.CreateHistogram("ftp.transfer.duration", "s",
            "Time from the transfer command to its end, by direction and result.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _eventsDropped = meter.CreateCounter<long>("ftp.events.dropped", "{event}",
            "Events a sink never received because its queue was full.");
        _tlsReloads = meter.CreateCounter<long>("ftp.tls.certificate_reloads", "{reload}",
            "Changes of the TLS certificate files seen, by result (reloaded, or failed: the current certificate stays).");
        _defenderPoints = meter.CreateCounter<long>("ftp.defender.points", "{point}",
            "Points the defender gave client addresses, by reason.");
        _defenderBans = meter.CreateCounter<long>("ftp.defender.bans", "{ban}",
            "Bans made on this node, by who made them (defender or administrator).");
        _defenderLifts = meter.CreateCounter<long>("ftp.defender.lifts", "{ban}",
            "Bans lifted by an administrator on this node.");
        _defenderStoreFailures = meter.CreateCounter<long>("ftp.defender.store_failures", "{failure}",
            "Ban store calls that failed (the bans in memory stay in force).");
        meter.CreateObservableGauge("ftp.passive_ports.in_use", ObservePassivePortsInUse, "{port}",
            "Passive data ports handed out now (open PASV/EPSV listeners).");
    }

    /// <summary>A control connection was admitted: one more active session (call <see cref="SessionClosed"/> when it ends).</summary>
    internal void SessionOpened() => _sessionsActive.Add(1);

    /// <summary>An admitted session ended.</summary>
    internal void SessionClosed() => _sessionsActive.Add(-1);

    /// <summary>A control connection was accepted within the limits.</summary>
    internal void ConnectionAccepted() => _connectionsAccepted.Add(1);

    /// <summary>A control connection was refused; <paramref name="reason"/> is a short fixed word such as <see cref="TooManyConnections"/>.</summary>
    internal void ConnectionRefused(string reason)
    {
        if (_connectionsRefused.Enabled)
        {
            _connectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>The certificate files changed: <paramref name="reloaded"/> when the new pair is in use, false when it was refused.</summary>
    internal void TlsCertificateReload(bool reloaded)
    {
        if (_tlsReloads.Enabled)
        {
            _tlsReloads.Add(1, new KeyValuePair<string, object?>("result", reloaded ? "reloaded" : "failed"));
        }
    }

    internal void LoginSucceeded() => CountLogin("succeeded");

    internal void LoginFailed() => CountLogin("failed");

    /// <summary>Data-connection bytes sent to a client (downloads and listings).</summary>
    internal void BytesSent(long bytes) => _bytesSent.Add(bytes);

    /// <summary>Data-connection bytes received from a client (uploads).</summary>
    internal void BytesReceived(long bytes) => _bytesReceived.Add(bytes);

    /// <summary>
    /// A transfer ended: counts it and records its duration, tagged with <paramref name="direction"/>
    /// (<see cref="Upload"/>, <see cref="Download"/>, <see cref="Listing"/>) and <paramref name="result"/>
    /// (<see cref="Complete"/>, <see cref="Incomplete"/>, <see cref="Failed"/>). Any other value throws.
    /// </summary>
    internal void TransferEnded(string direction, string result, TimeSpan duration)
    {
        if (direction is not (Upload or Download or Listing))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "upload, download or listing");
        }

        if (result is not (Complete or Incomplete or Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(result), result, "complete, incomplete or failed");
        }

        var directionTag = new KeyValuePair<string, object?>("direction", direction);
        var resultTag = new KeyValuePair<string, object?>("result", result);
        if (_transfers.Enabled)
        {
            _transfers.Add(1, directionTag, resultTag);
        }

        if (_transferDuration.Enabled)
        {
            _transferDuration.Record(duration.TotalSeconds, directionTag, resultTag);
        }
    }

    /// <summary>The event queue dropped an event for the sink named <paramref name="sink"/> (its type name).</summary>
    internal void EventDropped(string sink)
    {
        if (_eventsDropped.Enabled)
        {
            _eventsDropped.Add(1, new KeyValuePair<string, object?>("sink", sink));
        }
    }

    /// <summary>The defender gave an address <paramref name="points"/> for <paramref name="reason"/>.</summary>
    internal void DefenderPoints(Abstractions.FtpScoreReason reason, int points)
    {
        if (_defenderPoints.Enabled)
        {
            _defenderPoints.Add(points, new KeyValuePair<string, object?>("reason", reason switch
            {
                Abstractions.FtpScoreReason.FailedLogin => "failed_login",
                Abstractions.FtpScoreReason.CommandError => "command_error",
                Abstractions.FtpScoreReason.ConnectionWithoutLogin => "connection_without_login",
                _ => "refused_data_connection",
            }));
        }
    }

    /// <summary>A ban was made on this node.</summary>
    internal void DefenderBanAdded(bool byAdministrator)
    {
        if (_defenderBans.Enabled)
        {
            _defenderBans.Add(1, new KeyValuePair<string, object?>("by", byAdministrator ? "administrator" : "defender"));
        }
    }

    /// <summary>An administrator lifted a ban on this node.</summary>
    internal void DefenderBanLifted() => _defenderLifts.Add(1);

    /// <summary>A ban store call failed.</summary>
    internal void DefenderStoreFailed() => _defenderStoreFailures.Add(1);

    /// <summary>The pool the <c>ftp.passive_ports.in_use</c> gauge reads (the server's, set when it starts).</summary>
    internal void ObservePassivePorts(PassivePortPool pool) => Volatile.Write(ref _passivePorts, pool);

    private int ObservePassivePortsInUse() => Volatile.Read(ref _passivePorts)?.RentedCount ?? 0;

    private void CountLogin(string result)
    {
        if (_logins.Enabled)
        {
            _logins.Add(1, new KeyValuePair<string, object?>("result", result));
        }
    }
}
