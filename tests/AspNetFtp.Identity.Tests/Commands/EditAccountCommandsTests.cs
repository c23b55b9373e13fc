using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>The edit verbs (<c>editftpusergroup</c>, <c>editftpuseraccount</c>) inside an embedding app: only the options given change.</summary>
public sealed class EditAccountCommandsTests : IAsyncLifetime
{
    private EmbeddingApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await EmbeddedAccountCommandsTests.BuildStringKeyedAppAsync();
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        UserManager<IdentityUser> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True((await users.CreateAsync(new IdentityUser { UserName = "alice" }, "Correct-Horse-7")).Succeeded);
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners", "/srv/{username}", "--permission", "elr")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "staff")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpuseraccount", "alice", "partners", "/home/alice")).ExitCode);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Editftpusergroup_changes_only_the_options_given()
    {
        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("editftpusergroup", "partners", "--permissions", "elrw", "--require-app-passwords", "true");

        Assert.Equal((0, "Changed FTP group 'partners' (permissions elrw, home /srv/{username}, app passwords only).\n", ""), (exitCode, stdout, stderr));
        FtpUserGroup group = await GroupAsync("partners");
        Assert.Equal(("elrw", "/srv/{username}", true), (group.Permissions, group.HomeDirectory, group.RequireAppPasswords));

        Assert.Equal(0, (await _app.RunAsync("editftpusergroup", "partners", "--home", "", "--require-app-passwords", "false")).ExitCode);
        group = await GroupAsync("partners");
        Assert.Equal(("elrw", (string?)null, false), (group.Permissions, group.HomeDirectory, group.RequireAppPasswords));
    }

    [Fact]
    public async Task Editftpusergroup_require_tls_sets_and_clears_the_groups_tls_requirement_only()
    {
        Assert.Equal((0, "Changed FTP group 'partners' (permissions elr, home /srv/{username}, TLS required).\n", ""),
            await _app.RunAsync("editftpusergroup", "partners", "--require-tls", "true"));
        FtpUserGroup group = await GroupAsync("partners");
        Assert.Equal(("elr", "/srv/{username}", false, true), (group.Permissions, group.HomeDirectory, group.RequireAppPasswords, group.RequireTls));

        Assert.Equal(0, (await _app.RunAsync("editftpusergroup", "partners", "--permissions", "elrw")).ExitCode);
        Assert.True((await GroupAsync("partners")).RequireTls);
        Assert.Equal(0, (await _app.RunAsync("editftpusergroup", "partners", "--require-tls", "false")).ExitCode);
        Assert.False((await GroupAsync("partners")).RequireTls);
        Assert.Equal((1, "", "error: group 'ghosts' does not exist\n"), await _app.RunAsync("editftpusergroup", "ghosts", "--require-tls", "true"));
    }

    [Fact]
    public async Task Editftpusergroup_refuses_bad_letters_and_an_unknown_group_without_writing()
    {
        Assert.Equal((1, "", "error: permission 'elrz': 'z' is not a permission letter (allowed: elradfmwMT)\n"),
            await _app.RunAsync("editftpusergroup", "partners", "--permissions", "elrz", "--home", "/elsewhere"));
        Assert.Equal((1, "", "error: group 'ghosts' does not exist\n"), await _app.RunAsync("editftpusergroup", "ghosts", "--permissions", "e"));

        FtpUserGroup group = await GroupAsync("partners");
        Assert.Equal(("elr", "/srv/{username}"), (group.Permissions, group.HomeDirectory));
    }

    [Fact]
    public async Task Editftpuseraccount_moves_the_account_and_changes_its_home()
    {
        Assert.Equal((0, "Changed the FTP account of 'alice' (group 'staff', home -).\n", ""),
            await _app.RunAsync("editftpuseraccount", "alice", "--group", "staff", "--home", ""));

        FtpUserAccount account = await AccountAsync();
        Assert.Equal(("staff", (string?)null), (account.Group!.Name, account.HomeDirectory));
    }

    [Fact]
    public async Task Editftpuseraccount_refuses_an_unknown_group_and_a_user_without_an_account_without_writing()
    {
        Assert.Equal((1, "", "error: group 'ghosts' does not exist\n"), await _app.RunAsync("editftpuseraccount", "alice", "--group", "ghosts", "--home", "/x"));
        Assert.Equal((1, "", "error: user 'bob' has no FTP account\n"), await _app.RunAsync("editftpuseraccount", "bob", "--group", "staff"));

        FtpUserAccount account = await AccountAsync();
        Assert.Equal(("partners", "/home/alice"), (account.Group!.Name, account.HomeDirectory));
    }

    private async Task<FtpUserGroup> GroupAsync(string name)
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestAppDbContext>().Set<FtpUserGroup>().SingleAsync(g => g.Name == name);
    }

    private async Task<FtpUserAccount> AccountAsync()
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestAppDbContext>().Set<FtpUserAccount>().Include(a => a.Group).SingleAsync();
    }
}
