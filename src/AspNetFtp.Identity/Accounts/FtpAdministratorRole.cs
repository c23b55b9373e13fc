using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// The Identity role whose members may sign in to the web admin: <c>FtpServer:Admin:Role</c>, default
/// <c>Administrator</c>. Read here for the role verbs and the host's first administrator; the admin binds the same key.
/// </summary>
internal static class FtpAdministratorRole
{
    public const string DefaultName = "Administrator";

    /// <summary>The configured role name (the <c>FtpServer</c> section's <c>Admin:Role</c>), or <see cref="DefaultName"/>.</summary>
    public static string NameFrom(IConfiguration? configuration) =>
        configuration is not null && FtpServerOptions.SectionOf(configuration)["Admin:Role"] is { } role && !string.IsNullOrWhiteSpace(role)
            ? role
            : DefaultName;
}
