namespace AspNetFtp.Protocol.Storage;

/// <summary>What the kernel reports about an opened handle's inode (from <c>statx</c>), read through the handle itself.</summary>
internal readonly record struct HandleStatus(bool IsDirectory, bool IsRegularFile, long Length, DateTime LastWriteTimeUtc, UnixFileMode Mode);
