using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Transfers;

/// <summary>What an upload starts from: the target as it was (null: a new file) and the bytes the quota lets arrive (null: no limit).</summary>
internal readonly record struct UploadBasis(FtpFileInfo? Before, long? Allowance);
