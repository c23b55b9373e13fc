using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Quotas;

namespace AspNetFtp.Protocol.Transfers;

/// <summary>What an upload starts from: the target as it was (null: a new file) and its hold on the user's quota (null: not tracked).</summary>
internal readonly record struct UploadBasis(FtpFileInfo? Before, QuotaReservation? Quota);
