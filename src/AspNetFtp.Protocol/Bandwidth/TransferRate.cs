namespace AspNetFtp.Protocol.Bandwidth;

/// <summary>
/// The rates one transfer obeys: the session's own (from the user's limits) and the server-wide cap of its
/// direction, either or both. An unlimited transfer has none (<see cref="For"/> returns null), so it pays nothing.
/// </summary>
internal sealed class TransferRate
{
    private readonly BandwidthLimiter? _own;
    private readonly BandwidthLimiter? _server;

    private TransferRate(BandwidthLimiter? own, BandwidthLimiter? server)
    {
        _own = own;
        _server = server;
        MaxChunk = Math.Min(own?.MaxChunk ?? int.MaxValue, server?.MaxChunk ?? int.MaxValue);
    }

    /// <summary>The most bytes to move between two waits.</summary>
    public int MaxChunk { get; }

    public static TransferRate? For(BandwidthLimiter? own, BandwidthLimiter? server) =>
        own is null && server is null ? null : new TransferRate(own, server);

    /// <summary>Waits until <paramref name="bytes"/> (at most <see cref="MaxChunk"/>) may move under both rates.</summary>
    public async ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        if (_own is { } own)
        {
            await own.WaitAsync(bytes, cancellationToken);
        }

        if (_server is { } server)
        {
            await server.WaitAsync(bytes, cancellationToken);
        }
    }
}
