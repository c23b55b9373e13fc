using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Security;

/// <summary>
/// The letters a user holds at each virtual path: <see cref="FtpUser.Permissions"/>, replaced below every
/// <see cref="FtpUser.DirectoryPermissions"/> rule by the rule with the longest whole-segment prefix
/// (<c>/in</c> covers <c>/in</c> and <c>/in/x</c>, never <c>/inbox</c>). Built once at login.
/// </summary>
internal sealed class FtpPermissionMap
{
    private readonly FtpPermissions _default;

    // Longest path first, so the first match is the most specific rule; null when a rule's path is unusable.
    private readonly (string Path, FtpPermissions Permissions)[]? _rules;

    public FtpPermissionMap(FtpUser user)
    {
        _default = user.Permissions;
        var rules = new Dictionary<string, FtpPermissions>(StringComparer.Ordinal);
        foreach (FtpDirectoryPermission rule in user.DirectoryPermissions)
        {
            if (!FtpPath.TryResolve(FtpPath.Root, rule.Path, out FtpPath path, out _) || rule.Path.Length == 0)
            {
                // A rule the store should have refused: fail closed rather than grant the user's wider letters.
                _rules = null;
                return;
            }

            rules[path.Value] = rule.Permissions; // a later rule of the same path replaces an earlier one
        }

        _rules = [.. rules.Select(r => (r.Key, r.Value)).OrderByDescending(r => r.Key.Length)];
    }

    /// <summary>True when some rule gives other letters than the user's own (the session must look paths up).</summary>
    public bool HasRules => _rules is not { Length: 0 };

    /// <summary>The letters at <paramref name="path"/>: the most specific rule covering it, else the user's own.</summary>
    public FtpPermissions At(FtpPath path) => At(path.Value);

    /// <summary>
    /// The letters at the entry <paramref name="name"/> of <paramref name="directory"/>, for listing facts: the name
    /// comes from storage and is not checked as a client path would be.
    /// </summary>
    public FtpPermissions AtChild(FtpPath directory, string name) =>
        At(directory.IsRoot ? "/" + name : directory.Value + "/" + name);

    private FtpPermissions At(string value)
    {
        if (_rules is null)
        {
            return FtpPermissions.None;
        }

        foreach ((string rulePath, FtpPermissions permissions) in _rules)
        {
            if (Covers(rulePath, value))
            {
                return permissions;
            }
        }

        return _default;
    }

    /// <summary>
    /// True when a rule lies strictly below <paramref name="path"/>: renaming such a directory would carry the
    /// rule's subtree out from under it (or another rule's letters onto it), so RNFR/RNTO refuse it.
    /// </summary>
    public bool HasRulesBelow(FtpPath path)
    {
        if (_rules is null)
        {
            return true;
        }

        string value = path.Value;
        return _rules.Any(r => r.Path.Length > value.Length && Covers(value, r.Path));
    }

    private static bool Covers(string rulePath, string path) =>
        rulePath.Length == 1
        || (path.StartsWith(rulePath, StringComparison.Ordinal)
            && (path.Length == rulePath.Length || path[rulePath.Length] == '/'));
}
