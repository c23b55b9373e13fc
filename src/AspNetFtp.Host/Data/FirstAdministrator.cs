using System.Text;
using AspNetFtp.Host.ProcessManagement;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Host.Data;

/// <summary>
/// On an empty database (and only then), creates an administrator user with an FTP account, the web admin's role
/// and a random password that is shown once, so a newcomer can log in at once. The password goes to the terminal that
/// started the server and nowhere else: when the output is not a terminal (a daemon's log, the journal, a
/// pipe) it is written to an owner-only file in the data directory, and the output names that file.
/// </summary>
internal static class FirstAdministrator
{
    public const string UserName = "admin";
    public const string GroupName = "administrators";
    public const string PasswordFileName = "first-administrator-password";

    /// <summary>The new password, or null when the database already has users.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="role">The web admin's role (<c>FtpServer:Admin:Role</c>), created when missing.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task<string?> EnsureAsync(IServiceProvider services, string role, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        UserManager<AppUser> users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        FtpAccountManager<AppUser, AppDbContext> accounts = scope.ServiceProvider.GetRequiredService<FtpAccountManager<AppUser, AppDbContext>>();
        // Meets Identity's default rules: lower case, upper case, digit and a symbol.
        string password = FtpAccountManager<AppUser, AppDbContext>.GenerateAppPassword() + "-A7";
        FtpAccountResult<AppUser> user = await accounts.CreateUserAsync(UserName, null, password);
        if (!user.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the first administrator: {user.Error}");
        }

        if (!(await accounts.ListGroupsAsync(cancellationToken)).Any(g => g.Name == GroupName))
        {
            await accounts.CreateGroupAsync(GroupName, null, FtpPermissionLetters.AllLetters, cancellationToken: cancellationToken);
        }

        FtpAccountResult<Identity.Entities.FtpUserAccount> account = await accounts.CreateAccountAsync(UserName, GroupName, null, cancellationToken);
        if (!account.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the first administrator's FTP account: {account.Error}");
        }

        await AddToRoleAsync(scope.ServiceProvider, users, user.Value!, role);
        return password;
    }

    private static async Task AddToRoleAsync(IServiceProvider services, UserManager<AppUser> users, AppUser user, string role)
    {
        RoleManager<IdentityRole> roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            IdentityResult created = await roles.CreateAsync(new IdentityRole(role));
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not create the role '{role}': {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }

        IdentityResult added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException($"Could not give the first administrator the role '{role}': {string.Join(" ", added.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>Keeps the new password for the banner: as is on a terminal, else in a 0600 file of the data directory.</summary>
    public static FirstAdministratorCredential Record(string password, string dataDirectory)
    {
        if (!Console.IsOutputRedirected)
        {
            return new FirstAdministratorCredential(password, null);
        }

        byte[] content = Encoding.UTF8.GetBytes(password + "\n");
        string file = Path.Combine(Path.GetFullPath(dataDirectory), PasswordFileName);
        if (OperatingSystem.IsLinux())
        {
            using DirectoryHandle directory = DirectoryHandle.OpenConfigured(dataDirectory, create: true);
            directory.WriteOwnerOnlyFile(PasswordFileName, content);
        }
        else
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(file, options);
            stream.Write(content);
        }

        return new FirstAdministratorCredential(password, file);
    }
}
