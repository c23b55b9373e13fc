using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Protocol.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>
/// <c>grantftpadmin</c> / <c>revokeftpadmin</c> in an embedding app: the web admin's role (<c>FtpServer:Admin:Role</c>,
/// default <c>Administrator</c>) for an existing user, the role created when the database has none yet.
/// </summary>
public sealed class AdministratorRoleVerbsTests
{
    [Fact]
    public async Task Grantftpadmin_creates_the_missing_role_and_puts_the_user_in_it()
    {
        await using EmbeddingApp app = await BuildAppWithRolesAsync();
        await CreateUserAsync(app, "alice");

        (int? exitCode, string stdout, string stderr) = await app.RunAsync("grantftpadmin", "alice");

        Assert.Equal((0, "Gave 'alice' the role 'Administrator': they may sign in to the web admin.\n", ""), (exitCode, stdout, stderr));
        Assert.Equal(["Administrator"], await RolesOfAsync(app, "alice"));
        Assert.Equal((0, "'alice' already has the role 'Administrator'.\n", ""), await app.RunAsync("grantftpadmin", "alice"));
    }

    [Fact]
    public async Task Grantftpadmin_gives_the_role_named_by_FtpServer_Admin_Role()
    {
        await using EmbeddingApp app = await BuildAppWithRolesAsync(role: "FtpOperators");
        await CreateUserAsync(app, "alice");

        Assert.Equal(0, (await app.RunAsync("grantftpadmin", "alice")).ExitCode);

        Assert.Equal(["FtpOperators"], await RolesOfAsync(app, "alice"));
    }

    [Fact]
    public async Task Grantftpadmin_for_a_user_who_does_not_exist_exits_1_naming_the_user_and_creates_nothing()
    {
        await using EmbeddingApp app = await BuildAppWithRolesAsync();

        (int? exitCode, string stdout, string stderr) = await app.RunAsync("grantftpadmin", "ghost");

        Assert.Equal((1, "", "error: user 'ghost' does not exist\n"), (exitCode, stdout, stderr));
        Assert.Equal((1, "", "error: user 'ghost' does not exist\n"), await app.RunAsync("revokeftpadmin", "ghost"));
        await using AsyncServiceScope scope = app.App.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().Roles.ToListAsync());
    }

    [Fact]
    public async Task Revokeftpadmin_takes_the_role_and_says_so_when_the_user_had_none()
    {
        await using EmbeddingApp app = await BuildAppWithRolesAsync();
        await CreateUserAsync(app, "alice");
        Assert.Equal(0, (await app.RunAsync("grantftpadmin", "alice")).ExitCode);

        (int? exitCode, string stdout, string stderr) = await app.RunAsync("revokeftpadmin", "alice");

        Assert.Equal((0, "Took the role 'Administrator' from 'alice': they may no longer sign in to the web admin.\n", ""), (exitCode, stdout, stderr));
        Assert.Empty(await RolesOfAsync(app, "alice"));
        Assert.Equal((0, "'alice' does not have the role 'Administrator'.\n", ""), await app.RunAsync("revokeftpadmin", "alice"));
    }

    [Fact]
    public async Task Grantftpadmin_in_an_app_without_identity_roles_exits_1_saying_how_to_add_them()
    {
        await using EmbeddingApp app = await EmbeddedAccountCommandsTests.BuildStringKeyedAppAsync();
        await CreateUserAsync(app, "alice");

        (int? exitCode, string stdout, string stderr) = await app.RunAsync("grantftpadmin", "alice");

        Assert.Equal((1, "", "error: the application's Identity has no roles: register them with .AddRoles<IdentityRole>() (before AddEntityFrameworkStores)\n"),
            (exitCode, stdout, stderr));
    }

    private static Task<EmbeddingApp> BuildAppWithRolesAsync(string? role = null) => EmbeddingApp.BuildAsync<TestAppDbContext>((builder, connectionString) =>
    {
        if (role is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["FtpServer:Admin:Role"] = role });
        }

        builder.Services.AddDbContext<TestAppDbContext>(o => o.UseSqlite(connectionString));
        builder.Services.AddIdentityCore<IdentityUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<TestAppDbContext>();
        builder.Services.AddFtpServer(builder.Configuration).AddIdentityAccounts<IdentityUser, TestAppDbContext>(builder.Configuration);
    });

    private static async Task CreateUserAsync(EmbeddingApp app, string name)
    {
        await using AsyncServiceScope scope = app.App.Services.CreateAsyncScope();
        IdentityResult result = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().CreateAsync(new IdentityUser { UserName = name }, "Correct-Horse-7");
        Assert.True(result.Succeeded);
    }

    private static async Task<IList<string>> RolesOfAsync(EmbeddingApp app, string name)
    {
        await using AsyncServiceScope scope = app.App.Services.CreateAsyncScope();
        UserManager<IdentityUser> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.GetRolesAsync((await users.FindByNameAsync(name))!);
    }
}
