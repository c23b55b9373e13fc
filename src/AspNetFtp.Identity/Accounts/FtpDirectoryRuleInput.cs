using System.Diagnostics.CodeAnalysis;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Identity.Accounts;

/// <summary>Checks a directory rule as typed (admin page, CLI) and gives the text that is stored.</summary>
public static class FtpDirectoryRuleInput
{
    /// <summary>The longest virtual path stored (the column's size).</summary>
    public const int MaxPathLength = 1024;

    /// <summary>
    /// Normalizes <paramref name="path"/> (a virtual absolute path: <c>/incoming/archive</c>; <c>.</c>, <c>..</c> and a
    /// trailing slash collapsed, never above <c>/</c>) and <paramref name="letters"/> (canonical order); fails naming the value.
    /// </summary>
    public static bool TryNormalize(string? path, string? letters, [NotNullWhen(true)] out string? canonicalPath,
        [NotNullWhen(true)] out string? canonicalLetters, [NotNullWhen(false)] out string? error)
    {
        canonicalPath = null;
        canonicalLetters = null;
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

        if (!FtpPermissionLetters.TryParse(letters ?? string.Empty, out FtpPermissions permissions, out string? letterError))
        {
            error = letterError;
            return false;
        }

        canonicalPath = resolved.Value;
        canonicalLetters = FtpPermissionLetters.ToLetters(permissions);
        error = null;
        return true;
    }

    private static string Printable(string? text) => text is null ? string.Empty : new([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
