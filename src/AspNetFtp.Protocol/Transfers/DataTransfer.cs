using AspNetFtp.Protocol.Data;

namespace AspNetFtp.Protocol.Transfers;

/// <summary>
/// One transfer over a data connection, run by the session's transfer runner beside the command loop. The
/// runner opens the connection and replies 150, calls <see cref="RunAsync"/>, closes the connection cleanly,
/// calls <see cref="CompleteAsync"/> and replies 226; whatever happens, <see cref="FinishAsync"/> runs once.
/// </summary>
internal abstract class DataTransfer(string verb, TransferDirection direction, string? path)
{
    public string Verb { get; } = verb;

    public TransferDirection Direction { get; } = direction;

    /// <summary>The file or directory moved, as the client sees it.</summary>
    public string? Path { get; } = path;

    /// <summary>The 150 text when the default (the TYPE) is not right, such as STOU's <c>FILE: name</c>.</summary>
    public string? OpeningReply { get; init; }

    /// <summary>Moves the bytes; throws on a stall (<see cref="TimeoutException"/>), a storage error or a broken connection.</summary>
    public abstract Task RunAsync(DataConnection connection, TransferProgress progress, CancellationToken cancellationToken);

    /// <summary>The data connection closed cleanly: commit what was moved (an upload is completed here). A failure fails the transfer.</summary>
    public virtual ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Runs once at the end, completed or not: release what <see cref="RunAsync"/> holds, log, publish.</summary>
    public abstract ValueTask FinishAsync(TransferOutcome outcome, CancellationToken cancellationToken);
}
