using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// A snapshot of an account taken once at login; the session never asks the account store again.
/// </summary>
/// <param name="Name">The login name.</param>
/// <param name="HomeDirectory">The storage location of the user's virtual root (a local directory for the local file system).</param>
/// <param name="Permissions">The pyftpdlib permission letters granted.</param>
public sealed record FtpUser(string Name, string HomeDirectory, FtpPermissions Permissions)
{
    /// <summary>The account's own limits (sessions, rates, quota); <see cref="FtpUserLimits.None"/> unless the store sets them.</summary>
    public FtpUserLimits Limits { get; init; } = FtpUserLimits.None;

    /// <summary>The account may log in and transfer only over TLS, whatever the server-wide setting.</summary>
    public bool RequireTls { get; init; }

    /// <summary>How this user's uploads are written; null: the server's <c>FtpServer:UploadMode</c>.</summary>
    public FtpUploadMode? UploadMode { get; init; }

    /// <summary>
    /// Letters that replace <see cref="Permissions"/> at given directories and below; the rule with the longest
    /// matching path wins. Empty: <see cref="Permissions"/> apply everywhere.
    /// </summary>
    public IReadOnlyList<FtpDirectoryPermission> DirectoryPermissions { get; init; } = [];

    /// <summary>
    /// The storage profile (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>) holding this user's files; null: the default
    /// storage (the local disk at <see cref="HomeDirectory"/> unless the app replaced it).
    /// </summary>
    public string? StorageProfile { get; init; }

    /// <summary>
    /// An opaque value of the account at login (a digest of its security stamp), set by stores that implement
    /// <see cref="IFtpAccountStampSource"/>: when the store later reports another value, or none, the session ends.
    /// Null: the session is never rechecked.
    /// </summary>
    public string? AccountStamp { get; init; }
}
