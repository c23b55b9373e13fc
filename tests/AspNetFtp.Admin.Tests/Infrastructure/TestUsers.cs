using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>Users made and read straight through the app's Identity and database (each call its own scope, nothing cached).</summary>
internal static class TestUsers
{
    /// <summary>A name no other test uses: <paramref name="prefix"/> and eight random hex digits.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<IdentityUser> CreateAsync(AdminApp app, string userName, string? email = null, string password = AdminApp.Password)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        UserManager<IdentityUser> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = userName, Email = email };
        IdentityResult result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>The user's FTP account in the seeded group, with one app password.</summary>
    public static async Task GiveFtpAccountAsync(AdminApp app, string userName)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<FtpAccountManager<IdentityUser, AdminTestDbContext>>();
        Assert.Null((await accounts.CreateAccountAsync(userName, AdminApp.GroupName, null)).Error);
        Assert.Null((await accounts.CreateAppPasswordAsync(userName, "scanner")).Error);
    }

    public static async Task<IdentityUser?> FindAsync(AdminApp app, string userName)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName);
    }

    public static async Task<T> WithUsersAsync<T>(AdminApp app, Func<UserManager<IdentityUser>, AdminTestDbContext, Task<T>> query)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>(), scope.ServiceProvider.GetRequiredService<AdminTestDbContext>());
    }

    /// <summary>The audit rows of <paramref name="kind"/> about <paramref name="userName"/>, newest first.</summary>
    public static async Task<IReadOnlyList<FtpAuditEntry>> AuditAsync(AdminApp app, string userName, string kind)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        FtpAuditPage page = await scope.ServiceProvider.GetRequiredService<IFtpAuditLog>().QueryAsync(new FtpAuditQuery { UserName = userName, Kind = kind });
        return page.Entries;
    }

    /// <summary>The id of the user's FTP account, or null without one.</summary>
    public static Task<int?> FtpAccountIdAsync(AdminApp app, string userId) => WithUsersAsync(app, (_, db) =>
        db.Set<FtpUserAccount>().Where(a => a.UserId == userId).Select(a => (int?)a.Id).SingleOrDefaultAsync());

    /// <summary>How many app passwords the account id still has.</summary>
    public static Task<int> AppPasswordCountAsync(AdminApp app, int accountId) => WithUsersAsync(app, (_, db) =>
        db.Set<FtpAppPassword>().CountAsync(p => p.AccountId == accountId));
}
