using System.Globalization;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// An app password as handed out: <c>ftp-{id}-{secret}</c>, where <c>id</c> is the row's id and <c>secret</c> is
/// what is hashed. The id lets a login find its one candidate row, so a login costs one hash however many app
/// passwords the account has.
/// </summary>
public static class FtpAppPasswordFormat
{
    /// <summary>What every app password starts with, <c>ftp-</c>.</summary>
    public const string Prefix = "ftp-";

    // int.MaxValue has 10 digits.
    private const int MaxIdDigits = 10;

    /// <summary>The password as shown to its owner: <c>ftp-{id}-{secret}</c>.</summary>
    /// <param name="id">The app password row's id.</param>
    /// <param name="secret">The generated secret (only its hash is stored).</param>
    public static string Compose(int id, string secret) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id}-{secret}");

    /// <summary>Splits a presented password into the row id and the secret; false when it does not have the shape.</summary>
    public static bool TryParse(string password, out int id, out string secret)
    {
        id = 0;
        secret = string.Empty;
        if (!password.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = password.AsSpan(Prefix.Length);
        int dash = rest.IndexOf('-');
        if (dash is < 1 or > MaxIdDigits || dash == rest.Length - 1
            || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0)
        {
            id = 0;
            return false;
        }

        secret = rest[(dash + 1)..].ToString();
        return true;
    }
}
