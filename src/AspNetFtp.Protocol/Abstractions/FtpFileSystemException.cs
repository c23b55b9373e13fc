namespace AspNetFtp.Protocol.Abstractions;

/// <summary>A storage failure with a kind the engine maps to a reply code; its message never reaches a client.</summary>
public sealed class FtpFileSystemException : IOException
{
    public FtpFileSystemException(FtpFileSystemError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    public FtpFileSystemError Error { get; }
}
