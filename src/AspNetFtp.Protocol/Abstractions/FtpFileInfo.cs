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
    public bool IsSymbolicLink => LinkTarget is not null;
}
