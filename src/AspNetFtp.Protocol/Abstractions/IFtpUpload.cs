namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// A file being written by STOR, APPE or STOU. The engine writes the client's bytes to <see cref="Stream"/>,
/// then calls <see cref="CompleteAsync"/> only when the transfer completed (the data connection closed
/// cleanly); when the client aborted, the connection broke or the transfer stalled it calls
/// <see cref="AbortAsync"/>. Disposing without either is an abort. An object store finishes its multipart
/// upload in <see cref="CompleteAsync"/> and discards it in <see cref="AbortAsync"/>.
/// </summary>
public interface IFtpUpload : IAsyncDisposable
{
    /// <summary>Where the received bytes go; need not be seekable.</summary>
    Stream Stream { get; }

    /// <summary>The transfer completed: make the file what the client sent. A failure here fails the transfer (451/452).</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);

    /// <summary>The transfer did not complete: discard or keep what arrived, as the storage's upload mode says.</summary>
    ValueTask AbortAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The upload passed the user's quota or the storage is full: remove every byte this upload wrote, whatever
    /// the upload mode (a file written in place goes back to its length before the upload; a file that did not
    /// exist before is left empty and the engine deletes it). By default the same as <see cref="AbortAsync"/>.
    /// </summary>
    ValueTask DiscardAsync(CancellationToken cancellationToken) => AbortAsync(cancellationToken);
}
