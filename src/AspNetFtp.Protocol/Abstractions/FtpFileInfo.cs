namespace AspNetFtp.Protocol.Abstractions;

/// <summary>One directory entry as listings and SIZE/MDTM see it.</summary>
public sealed record FtpFileInfo(
    string Name,
    bool IsDirectory,
    long Length,
    DateTime LastWriteTimeUtc,
    UnixFileMode Mode,
    string? LinkTarget = null,
    string? UniqueId = null)
{
    /// <summary>True when the entry is a symbolic link (<c>LinkTarget</c> set).</summary>
    public bool IsSymbolicLink => LinkTarget is not null;
}
