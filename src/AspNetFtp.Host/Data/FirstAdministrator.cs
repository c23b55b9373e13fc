using AspNetFtp.Identity.Accounts;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Host.Data;

/// <summary>
/// On an empty database (and only then), creates an administrator user with an FTP account and a random
/// password that is shown once, so a newcomer can log in at once.
/// </summary>
internal static class FirstAdministrator
{
    public const string UserName = "admin";
    public const string GroupName = "administrators";

    /// <summary>The new password, or null when the database already has users.</summary>
    public static async Task<string?> EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
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
        return account.Succeeded ? password : throw new InvalidOperationException($"Could not create the first administrator's FTP account: {account.Error}");
    }
}
