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
}
