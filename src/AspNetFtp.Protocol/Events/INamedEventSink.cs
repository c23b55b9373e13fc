namespace AspNetFtp.Protocol.Events;

/// <summary>A sink that names itself in logs and the drop counter (an adapter names what it adapts).</summary>
internal interface INamedEventSink
{
    /// <summary>The name used instead of the sink's own type name.</summary>
    string SinkName { get; }
}
