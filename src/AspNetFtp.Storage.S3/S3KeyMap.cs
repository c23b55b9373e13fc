using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Storage.S3;

/// <summary>
/// Maps a user's <see cref="FtpPath"/> to keys: the user's prefix (the profile's, with <c>{username}</c> put in) followed
/// by the path without its leading <c>/</c>. The root is the prefix itself. Since an <see cref="FtpPath"/> has no
/// <c>..</c>, a key can never leave the prefix.
/// </summary>
internal sealed class S3KeyMap(string prefix)
{
    /// <summary>The prefix, empty or ending with <c>/</c>.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>The key of the object at <paramref name="path"/> (for the root: the prefix).</summary>
    public string KeyOf(FtpPath path) => path.IsRoot ? Prefix : Prefix + path.Value[1..];

    /// <summary>The prefix of everything inside directory <paramref name="path"/>, which is also its marker object's key.</summary>
    public string DirectoryPrefixOf(FtpPath path) => path.IsRoot ? Prefix : Prefix + path.Value[1..] + "/";

    /// <summary>Whether a name from the store can be named again by an FTP client (an <see cref="FtpPath"/> could hold it).</summary>
    public static bool IsNameable(string name) =>
        name.Length is > 0 and <= FtpPath.MaxNameLength
        && name is not "." and not ".."
        && name.AsSpan().IndexOfAny('\0', '\r', '\n') < 0
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains('/', StringComparison.Ordinal);
}
