namespace AspNetFtp.Protocol.Abstractions;

/// <summary>What one user's files take on the storage, as the quotas count it.</summary>
/// <param name="Bytes">The total length of the user's regular files.</param>
/// <param name="Files">The number of the user's regular files (directories are not counted, as ProFTPD and SFTPGo count files).</param>
public readonly record struct FtpQuotaUsage(long Bytes, long Files);
