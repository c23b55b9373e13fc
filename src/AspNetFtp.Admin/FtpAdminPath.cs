namespace AspNetFtp.Admin;

/// <summary>
/// Where <c>MapFtpAdmin</c> mounted the admin. The page routes are built from it when the endpoints are first
/// listed (after <c>MapFtpAdmin</c>); until it is set the admin's pages have no route at all.
/// </summary>
internal sealed class FtpAdminPath
{
    private string? _prefix;

    /// <summary>The mount point without a trailing slash (<c>/admin</c>), or null when the admin is not mapped.</summary>
    public string? Prefix => _prefix;

    /// <summary>Records the mount point once; a second, different one is refused.</summary>
    public void Set(string prefix)
    {
        string normalized = Normalize(prefix);
        string? previous = Interlocked.CompareExchange(ref _prefix, normalized, null);
        if (previous is not null && previous != normalized)
        {
            throw new InvalidOperationException($"MapFtpAdmin was already called with '{previous}'; the admin has one mount point.");
        }
    }

    /// <summary><c>admin</c>, <c>/admin/</c> and <c>/admin</c> are the same mount point, <c>/admin</c>.</summary>
    internal static string Normalize(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string trimmed = prefix.Trim().Trim('/');
        if (trimmed.Length == 0 || trimmed.Contains("//", StringComparison.Ordinal) || trimmed.IndexOfAny(['?', '#', '{', '}', '\\']) >= 0)
        {
            throw new ArgumentException($"'{prefix}' is not a path such as /admin.", nameof(prefix));
        }

        return "/" + trimmed;
    }
}
