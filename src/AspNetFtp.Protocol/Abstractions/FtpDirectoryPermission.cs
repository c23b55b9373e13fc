using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Other permission letters for one virtual directory and everything below it (pyftpdlib's <c>override_perm</c>,
/// always recursive). The rule whose path is the longest whole-segment prefix of a path wins; a path no rule
/// covers gets <see cref="FtpUser.Permissions"/>.
/// </summary>
/// <param name="Path">A virtual absolute path such as <c>/incoming/archive</c>.</param>
/// <param name="Permissions">The letters granted at <paramref name="Path"/> and below, instead of the user's own.</param>
public sealed record FtpDirectoryPermission(string Path, FtpPermissions Permissions);
