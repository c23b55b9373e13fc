using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage.Profiles;

/// <summary>
/// Puts a user's name into a profile's <c>Prefix</c> or <c>Root</c> where it says <c>{username}</c>. A name that could
/// change where the result points (empty, <c>.</c>, <c>..</c>, a slash, a backslash, a control character) is refused, so
/// one user's prefix can never reach another's or climb out of the profile's.
/// </summary>
public static class UserNameTemplate
{
    /// <summary>The placeholder, replaced wherever it appears (compared without case).</summary>
    public const string Placeholder = "{username}";

    /// <summary>Whether <paramref name="template"/> holds the placeholder.</summary>
    public static bool IsPerUser(string template) => template.Contains(Placeholder, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="userName"/> can stand for itself in a key or path.</summary>
    public static bool IsSafe(string userName) =>
        userName.Length is > 0 and <= 256 && userName is not "." and not ".."
        && !userName.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary><paramref name="template"/> with the placeholder replaced by <paramref name="userName"/>.</summary>
    /// <exception cref="FtpFileSystemException">The name is not safe to put there (<see cref="FtpFileSystemError.AccessDenied"/>).</exception>
    public static string Expand(string template, string userName)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(userName);
        if (!IsPerUser(template))
        {
            return template;
        }

        return IsSafe(userName)
            ? template.Replace(Placeholder, userName, StringComparison.OrdinalIgnoreCase)
            : throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "This user name cannot name a storage location.");
    }
}
