using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Identity.Authentication;

/// <summary>
/// What an account and its group give the session at login besides home and letters: limits (the account's value,
/// else the group's; an account's 0 lifts the group's limit), TLS requirement, upload mode, directory rules and the
/// storage profile.
/// </summary>
internal static class FtpAccountSnapshot
{
    /// <summary>The user's limits: each one the account's value when set (0 meaning none), else the group's.</summary>
    public static FtpUserLimits LimitsOf<TKey>(FtpUserAccount<TKey> account, FtpUserGroup group)
        where TKey : IEquatable<TKey> =>
        new(
            MaxSessions: Pick(account.MaxSessions, group.MaxSessions),
            UploadBytesPerSecond: Pick(account.UploadBytesPerSecond, group.UploadBytesPerSecond),
            DownloadBytesPerSecond: Pick(account.DownloadBytesPerSecond, group.DownloadBytesPerSecond),
            QuotaBytes: Pick(account.QuotaBytes, group.QuotaBytes),
            QuotaFiles: Pick(account.QuotaFiles, group.QuotaFiles));

    /// <summary>
    /// The group's directory rules with the account's on top (an account rule replaces the group's rule of the same
    /// path); a rule whose letters no longer parse grants nothing at its path (fails closed), rather than letting the
    /// user's own, wider letters apply there.
    /// </summary>
    public static IReadOnlyList<FtpDirectoryPermission> DirectoryPermissionsOf<TKey>(FtpUserAccount<TKey> account, FtpUserGroup group)
        where TKey : IEquatable<TKey>
    {
        if (group.DirectoryRules.Count == 0 && account.DirectoryRules.Count == 0)
        {
            return [];
        }

        var byPath = new Dictionary<string, FtpPermissions>(StringComparer.Ordinal);
        foreach (FtpDirectoryRule rule in group.DirectoryRules.Concat(account.DirectoryRules))
        {
            byPath[rule.Path] = FtpPermissionLetters.TryParse(rule.Permissions, out FtpPermissions letters, out _) ? letters : FtpPermissions.None;
        }

        return [.. byPath.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new FtpDirectoryPermission(r.Key, r.Value))];
    }

    /// <summary>The storage profile holding the user's files: the account's when set, else the group's; null: the default storage.</summary>
    public static string? StorageProfileOf<TKey>(FtpUserAccount<TKey> account, FtpUserGroup group)
        where TKey : IEquatable<TKey> =>
        account.StorageProfile ?? group.StorageProfile;

    private static int? Pick(int? account, int? group) => (account ?? group) is int value && value > 0 ? value : null;

    private static long? Pick(long? account, long? group) => (account ?? group) is long value && value > 0 ? value : null;
}
