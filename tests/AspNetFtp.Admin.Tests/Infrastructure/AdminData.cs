using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>The fixture's database as it is now (a fresh scope each time): what the pages saved, and setup through the manager.</summary>
internal static class AdminData
{
    /// <summary>A name no other test uses: <paramref name="prefix"/> plus 8 hex digits.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task<T> QueryAsync<T>(this AdminApp app, Func<AdminTestDbContext, Task<T>> query)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AdminTestDbContext>());
    }

    public static async Task<T> ManageAsync<T>(this AdminApp app, Func<FtpAccountManager<IdentityUser, AdminTestDbContext>, Task<FtpAccountResult<T>>> action)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        FtpAccountResult<T> result = await action(scope.ServiceProvider.GetRequiredService<FtpAccountManager<IdentityUser, AdminTestDbContext>>());
        return result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Error);
    }

    public static Task<FtpUserGroup?> GroupAsync(this AdminApp app, string name) =>
        app.QueryAsync(db => db.Set<FtpUserGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.Name == name));

    public static Task<FtpUserAccount?> AccountAsync(this AdminApp app, string userName) =>
        app.QueryAsync(db => db.Set<FtpUserAccount>().AsNoTracking().Include(a => a.Group).Include(a => a.AppPasswords)
            .Join(db.Users.Where(u => u.UserName == userName), a => a.UserId, u => u.Id, (a, _) => a).FirstOrDefaultAsync());

    /// <summary>The audit rows an administrator's change wrote, of <paramref name="kind"/>, whose detail or user mentions <paramref name="subject"/>.</summary>
    public static Task<List<FtpAuditEntry>> AuditAsync(this AdminApp app, string kind, string subject) =>
        app.QueryAsync(db => db.Set<FtpAuditEntry>().AsNoTracking()
            .Where(e => e.Kind == kind && (e.UserName == subject || e.Detail!.Contains(subject))).ToListAsync());

    /// <summary>A user with <see cref="AdminApp.Password"/>, a group and an FTP account in it.</summary>
    public static async Task<(string User, string Group)> SeedAccountAsync(this AdminApp app, bool requireAppPasswords = false)
    {
        string user = Unique("u");
        string group = Unique("g");
        await app.ManageAsync(m => m.CreateUserAsync(user, null, AdminApp.Password));
        await app.ManageAsync(m => m.CreateGroupAsync(group, null, "elr", requireAppPasswords));
        await app.ManageAsync(m => m.CreateAccountAsync(user, group, null));
        return (user, group);
    }
}
