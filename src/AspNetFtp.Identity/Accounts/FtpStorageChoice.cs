namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// The words that clear a storage profile where a profile name is expected (<c>--storage</c>, the admin's Storage
/// select): a group's <see cref="Default"/> (the default storage, the local disk at each account's home) and an
/// account's <see cref="Inherit"/> (the group's profile applies). Both compare without case and win over a profile of
/// the same name.
/// </summary>
public static class FtpStorageChoice
{
    /// <summary>A group's storage cleared: its accounts' files are on the default storage.</summary>
    public const string Default = "default";

    /// <summary>An account's own storage profile cleared: the group's applies.</summary>
    public const string Inherit = "inherit";

    /// <summary>Whether <paramref name="value"/> is <paramref name="word"/> (without case, surrounding spaces ignored).</summary>
    public static bool Is(string? value, string word) =>
        value is not null && string.Equals(value.Trim(), word, StringComparison.OrdinalIgnoreCase);
}
