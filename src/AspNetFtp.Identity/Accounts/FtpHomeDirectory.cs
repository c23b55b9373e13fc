namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// Resolves a home directory the way django-ftpserver does: the account's, else the group's, else
/// <c>{root}/{username}</c>, with <c>{username}</c> replaced in each.
/// </summary>
public static class FtpHomeDirectory
{
    /// <summary>Replaced by the user name in a home directory setting, <c>{username}</c>.</summary>
    public const string UserNamePlaceholder = "{username}";

    /// <summary>The longest home directory setting accepted (a group's or an account's), in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>The full path, or null when the user name cannot safely stand in a path (., .., separators).</summary>
    public static string? Resolve(string? accountHome, string? groupHome, string rootDirectory, string userName)
    {
        if (!IsSafeName(userName))
        {
            return null;
        }

        string template = !string.IsNullOrWhiteSpace(accountHome) ? accountHome
            : !string.IsNullOrWhiteSpace(groupHome) ? groupHome
            : Path.Combine(rootDirectory, UserNamePlaceholder);
        return Path.GetFullPath(template.Replace(UserNamePlaceholder, userName, StringComparison.Ordinal));
    }

    /// <summary>True when the name is usable as one path segment.</summary>
    public static bool IsSafeName(string userName) =>
        userName.Length > 0 && userName is not ("." or "..")
        && userName.AsSpan().IndexOfAny("/\\\0:") < 0 && !userName.Any(char.IsControl);
}
