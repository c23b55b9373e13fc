using System.Diagnostics.CodeAnalysis;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Identity.Accounts;

/// <summary>Checks a directory rule as typed (admin page, CLI) and gives the text that is stored.</summary>
public static class FtpDirectoryRuleInput
{
    /// <summary>The longest virtual path stored (the column's size).</summary>
    public const int MaxPathLength = FtpDirectoryRule.MaxPathLength;

    /// <summary>
    /// Normalizes a virtual absolute path (<c>/incoming/archive</c>; <c>.</c>, <c>..</c> and a trailing slash collapsed,
    /// never above <c>/</c>); fails naming the value.
    /// </summary>
    public static bool TryNormalizePath(string? path, [NotNullWhen(true)] out string? canonicalPath, [NotNullWhen(false)] out string? error)
    {
        canonicalPath = null;
        if (string.IsNullOrWhiteSpace(path) || path[0] != '/')
        {
            error = $"'{Printable(path)}' is not a virtual absolute path (it must start with /, such as /incoming/archive)";
            return false;
        }

        if (path.Length > MaxPathLength)
        {
            error = $"the path is longer than {MaxPathLength} characters";
            return false;
        }

        if (!FtpPath.TryResolve(FtpPath.Root, path, out FtpPath resolved, out FtpPathError pathError))
        {
            error = $"'{Printable(path)}' is not a valid path ({pathError})";
            return false;
        }

        canonicalPath = resolved.Value;
        error = null;
        return true;
    }

    /// <summary>Puts permission letters in canonical order (none is allowed: nothing may be done there); fails naming a bad letter.</summary>
    public static bool TryNormalizeLetters(string? letters, [NotNullWhen(true)] out string? canonicalLetters, [NotNullWhen(false)] out string? error)
    {
        canonicalLetters = null;
        if (!FtpPermissionLetters.TryParse(letters ?? string.Empty, out FtpPermissions permissions, out error))
        {
            error = $"permission '{Printable(letters)}': {error}";
            return false;
        }

        canonicalLetters = FtpPermissionLetters.ToLetters(permissions);
        return true;
    }

    private static string Printable(string? text) => text is null ? string.Empty : new([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
