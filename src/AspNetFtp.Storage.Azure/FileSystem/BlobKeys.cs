using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Storage.Azure.FileSystem;

/// <summary>Where a jailed <see cref="FtpPath"/> lies in the container: the user's prefix + the path without its leading <c>/</c>.</summary>
internal static class BlobKeys
{
    /// <summary>The blob name of <paramref name="path"/> (for the root: the prefix itself).</summary>
    public static string Of(string prefix, FtpPath path) => path.IsRoot ? prefix : prefix + path.Value[1..];

    /// <summary>The key prefix of everything inside directory <paramref name="path"/>: its key and <c>/</c>; the prefix for the root.</summary>
    public static string Inside(string prefix, FtpPath path) => path.IsRoot ? prefix : prefix + path.Value[1..] + "/";

    /// <summary>
    /// Whether a name found in a listing can be named again by an FTP client: not empty (from <c>//</c> in a key), not
    /// <c>.</c> or <c>..</c>, without NUL, CR, LF or backslash, and no longer than a path segment may be.
    /// </summary>
    public static bool IsNameable(string name) =>
        name.Length is > 0 and <= FtpPath.MaxNameLength && name is not "." and not ".."
        && name.AsSpan().IndexOfAny("\0\r\n\\/") < 0;
}
