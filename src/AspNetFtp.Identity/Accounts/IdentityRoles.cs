using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// Creates an Identity role when missing, for an app whose role type the account manager is not generic over: the
/// role type is read from the app's <c>IdentityDbContext&lt;TUser, TRole, ...&gt;</c>, the app's
/// <see cref="RoleManager{TRole}"/> (registered by <c>AddRoles</c>) creates it, so the app's role validators apply.
/// </summary>
internal static class IdentityRoles
{
    private static readonly MethodInfo EnsureTyped = typeof(IdentityRoles).GetMethod(nameof(EnsureTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Null when <paramref name="role"/> exists or was created; otherwise what stopped it, for the operator.</summary>
    public static async Task<string?> EnsureAsync(IServiceProvider? services, Type contextType, string role)
    {
        Type? roleType = RoleTypeOf(contextType);
        object? manager = roleType is null ? null : services?.GetService(typeof(RoleManager<>).MakeGenericType(roleType));
        if (manager is null)
        {
            return "the application's Identity has no roles: register them with .AddRoles<IdentityRole>() (before AddEntityFrameworkStores)";
        }

        return await (Task<string?>)EnsureTyped.MakeGenericMethod(roleType!).Invoke(null, [manager, role])!;
    }

    /// <summary>The TRole of the context's <see cref="IdentityDbContext{TUser, TRole, TKey, TUserClaim, TUserRole, TUserLogin, TRoleClaim, TUserToken}"/> base, or null.</summary>
    public static Type? RoleTypeOf(Type contextType)
    {
        for (Type? type = contextType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IdentityDbContext<,,,,,,,>))
            {
                return type.GetGenericArguments()[1];
            }
        }

        return null;
    }

    private static async Task<string?> EnsureTypedAsync<TRole>(RoleManager<TRole> roles, string role)
        where TRole : class
    {
        if (await roles.RoleExistsAsync(role))
        {
            return null;
        }

        TRole created = Activator.CreateInstance<TRole>();
        IdentityResult result = await roles.SetRoleNameAsync(created, role);
        if (result.Succeeded)
        {
            result = await roles.CreateAsync(created);
        }

        return result.Succeeded ? null : $"the role '{role}' could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}";
    }
}
