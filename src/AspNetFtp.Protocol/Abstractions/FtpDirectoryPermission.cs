using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Permission letters that apply at a virtual directory and below it instead of the user's own (pyftpdlib's
/// <c>override_perm</c>): a read-only <c>/incoming/archive</c>, a write-only drop box.
/// </summary>
/// <param name="Path">The virtual absolute directory the letters apply to, as <c>/incoming/archive</c>.</param>
/// <param name="Permissions">The letters granted at that directory and below.</param>
public sealed record FtpDirectoryPermission(string Path, FtpPermissions Permissions);
