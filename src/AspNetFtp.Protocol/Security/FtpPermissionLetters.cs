using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AspNetFtp.Protocol.Security;

/// <summary>Converts between <see cref="FtpPermissions"/> and the letters <c>elradfmwMT</c>.</summary>
public static class FtpPermissionLetters
{
    /// <summary>The letters in their canonical order.</summary>
    public const string AllLetters = "elradfmwMT";

    /// <summary>django-ftpserver's default group permission.</summary>
    public const string Default = "elradfmw";

    /// <summary>The permission of one letter, or null when the letter is not one of <c>elradfmwMT</c>.</summary>
    public static FtpPermissions? FromLetter(char letter) => letter switch
    {
        'e' => FtpPermissions.ChangeDirectory,
        'l' => FtpPermissions.List,
        'r' => FtpPermissions.Read,
        'a' => FtpPermissions.Append,
        'd' => FtpPermissions.Delete,
        'f' => FtpPermissions.Rename,
        'm' => FtpPermissions.MakeDirectory,
        'w' => FtpPermissions.Write,
        'M' => FtpPermissions.ChangeMode,
        'T' => FtpPermissions.ChangeTime,
        _ => null,
    };

    /// <summary>Parses letters; fails on any letter outside <c>elradfmwMT</c>, naming it.</summary>
    public static bool TryParse(string? letters, out FtpPermissions permissions, [NotNullWhen(false)] out string? error)
    {
        permissions = FtpPermissions.None;
        error = null;
        if (letters is null)
        {
            error = "permissions are missing";
            return false;
        }

        foreach (char c in letters)
        {
            FtpPermissions? p = FromLetter(c);
            if (p is null)
            {
                error = $"'{c}' is not a permission letter (allowed: {AllLetters})";
                permissions = FtpPermissions.None;
                return false;
            }

            permissions |= p.Value;
        }

        return true;
    }

    /// <summary>Parses letters as <see cref="TryParse"/> does.</summary>
    /// <exception cref="FormatException">A letter is not one of <c>elradfmwMT</c>; the message names it.</exception>
    public static FtpPermissions Parse(string letters) =>
        TryParse(letters, out FtpPermissions p, out string? error) ? p : throw new FormatException(error);

    /// <summary>The letters of <paramref name="permissions"/> in canonical order, such as <c>elr</c>.</summary>
    public static string ToLetters(FtpPermissions permissions)
    {
        var sb = new StringBuilder(AllLetters.Length);
        foreach (char c in AllLetters)
        {
            if ((permissions & FromLetter(c)!.Value) != 0)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
