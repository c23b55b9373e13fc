using System.Net;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Infrastructure;

public sealed record SeededAccount(string UserName, string Password, string GroupName);

public sealed record RowCounts(int Users, int Groups, int Accounts, int AppPasswords);

/// <summary>Short-hands over a fixture's container: each call in its own scope, as the server and the CLI do.</summary>
internal static class TestAccounts
{
    /// <summary>Meets Identity's default password rules.</summary>
    public const string Password = "Str0ng!pass";

    public static async Task<T> ManageAsync<T>(this IServiceProvider services, Func<FtpAccountManager<AppUser, AppDbContext>, Task<T>> action)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<FtpAccountManager<AppUser, AppDbContext>>());
    }

    public static async Task<T> WithStoreAsync<T>(this IServiceProvider services, Func<AppDbContext, UserManager<AppUser>, Task<T>> action)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    /// <summary>A user with the standard password, a group of its own and an FTP account in it.</summary>
    public static async Task<SeededAccount> SeedAsync(this IServiceProvider services, string permissions = "elradfmw",
        string? groupHome = null, string? accountHome = null, bool appPasswordsOnly = false, string? password = null)
    {
        string user = Scratch.Name("u");
        string group = Scratch.Name("g");
        password ??= Password;
        await services.ManageAsync(async m =>
        {
            Check(await m.CreateUserAsync(user, null, password));
            Check(await m.CreateGroupAsync(group, groupHome, permissions, appPasswordsOnly));
            Check(await m.CreateAccountAsync(user, group, accountHome));
            return true;
        });
        return new SeededAccount(user, password, group);
    }

    public static Task<RowCounts> CountRowsAsync(this IServiceProvider services) => services.WithStoreAsync(async (db, _) => new RowCounts(
        await db.Users.CountAsync(),
        await db.Set<FtpUserGroup>().CountAsync(),
        await db.Set<FtpUserAccount>().CountAsync(),
        await db.Set<FtpAppPassword>().CountAsync()));

    public static Task<FtpUserAccount?> FindAccountAsync(this IServiceProvider services, string userName) => services.WithStoreAsync(async (db, users) =>
    {
        AppUser? user = await users.FindByNameAsync(userName);
        return user is null ? null : await db.Set<FtpUserAccount>().AsNoTracking().Include(a => a.AppPasswords).Include(a => a.Group)
            .FirstOrDefaultAsync(a => a.UserId == user.Id);
    });

    public static FtpLoginRequest Login(string user, string password) => new(user, password, new IPEndPoint(IPAddress.Loopback, 50000));

    public static T Check<T>(FtpAccountResult<T> result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }
}
