namespace AspNetFtp.Protocol.Abstractions;

/// <summary>A storage failure with a kind the engine maps to a reply code; its message never reaches a client.</summary>
public sealed class FtpFileSystemException : IOException
{
    /// <summary>A storage failure of kind <paramref name="error"/>.</summary>
    /// <param name="error">The kind, which chooses the reply code.</param>
    /// <param name="message">For the server log only; never sent to a client.</param>
    /// <param name="inner">The failure that caused it, if any.</param>
    public FtpFileSystemException(FtpFileSystemError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    /// <summary>The kind of failure, which chooses the reply code.</summary>
    public FtpFileSystemError Error { get; }

    /// <summary>
    /// A fixed sentence for the client saying why, in place of the reply's usual text (such as "Renaming a directory is
    /// not supported on this storage."): written by the storage's own code, never from an exception or a path.
    /// Control characters are masked and it is cut to 200 characters.
    /// </summary>
    public string? ClientReason { get; init; }
}
