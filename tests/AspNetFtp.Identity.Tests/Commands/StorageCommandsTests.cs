using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>
/// Issue 11: <c>--storage</c> of the create and edit verbs puts a group or an account on a storage profile of
/// <c>FtpServer:Storage:Profiles</c>; <c>default</c> (group) and <c>inherit</c> (account) clear it; a profile that is not
/// configured is refused by name with exit code 1 and nothing written; each change is one audit row; the list verbs show it.
/// </summary>
public sealed class StorageCommandsTests : IAsyncLifetime
{
    private const string Refused =
        "error: storage profile 'tape' is not a configured profile (configured: archive, fast; FtpServer:Storage:Profiles); 'default' clears it\n";

    private static readonly string Cli = Environment.UserName + " (cli)";

    private EmbeddingApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await EmbeddedAccountCommandsTests.BuildStringKeyedAppAsync(new Dictionary<string, string?>
        {
            ["FtpServer:Storage:Profiles:archive:Kind"] = "Local",
            ["FtpServer:Storage:Profiles:archive:Root"] = "/srv/archive/{username}",
            ["FtpServer:Storage:Profiles:fast:Kind"] = "Local",
            ["FtpServer:Storage:Profiles:fast:Root"] = "/srv/fast/{username}",
        });
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        UserManager<IdentityUser> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True((await users.CreateAsync(new IdentityUser { UserName = "alice" }, "Correct-Horse-7")).Succeeded);
        Assert.True((await users.CreateAsync(new IdentityUser { UserName = "bob" }, "Correct-Horse-7")).Succeeded);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Createftpusergroup_and_createftpuseraccount_storage_store_the_profile_and_audit_it()
    {
        long before = await LastIdAsync();

        Assert.Equal((0, "Created FTP group 'partners' (permissions elr, storage archive).\n", ""),
            await _app.RunAsync("createftpusergroup", "partners", "--permission", "elr", "--storage", "archive"));
        Assert.Equal((0, "Created the FTP account of 'alice' in group 'partners', storage fast.\n", ""),
            await _app.RunAsync("createftpuseraccount", "alice", "partners", "--storage", "fast"));

        Assert.Equal(("archive", "fast"), ((await GroupAsync("partners")).StorageProfile, (await AccountAsync("alice")).StorageProfile));
        Assert.Equal(
            [
                (AdminAuditKinds.GroupCreated, (string?)null, Cli, "Created FTP group 'partners' (permissions elr, storage archive)."),
                (AdminAuditKinds.AccountCreated, "alice", Cli, "Created the FTP account of 'alice' in group 'partners', storage fast."),
            ],
            (await RowsAfterAsync(before)).Select(e => (e.Kind, e.UserName, e.Actor, e.Detail)));
    }

    [Fact]
    public async Task Editftpusergroup_storage_sets_the_profile_and_default_clears_it()
    {
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners", "--permission", "elr")).ExitCode);
        long before = await LastIdAsync();

        Assert.Equal((0, "Changed FTP group 'partners' (permissions elr, home -, storage archive).\n", ""),
            await _app.RunAsync("editftpusergroup", "partners", "--storage", "archive"));
        Assert.Equal("archive", (await GroupAsync("partners")).StorageProfile);
        Assert.Equal((0, "Changed FTP group 'partners' (permissions elr, home -).\n", ""),
            await _app.RunAsync("editftpusergroup", "partners", "--storage", "default"));
        Assert.Null((await GroupAsync("partners")).StorageProfile);

        Assert.Equal(
            [
                (AdminAuditKinds.GroupChanged, Cli, "Changed FTP group 'partners' (permissions elr, home -, storage archive)."),
                (AdminAuditKinds.GroupChanged, Cli, "Changed FTP group 'partners' (permissions elr, home -)."),
            ],
            (await RowsAfterAsync(before)).Select(e => (e.Kind, e.Actor, e.Detail)));
    }

    [Fact]
    public async Task Editftpuseraccount_storage_overrides_the_groups_and_inherit_clears_it()
    {
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners", "--storage", "archive")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpuseraccount", "alice", "partners")).ExitCode);

        Assert.Equal((0, "Changed the FTP account of 'alice' (group 'partners', home -, storage fast).\n", ""),
            await _app.RunAsync("editftpuseraccount", "alice", "--storage", "fast"));
        Assert.Equal("fast", (await AccountAsync("alice")).StorageProfile);
        Assert.Equal((0, "Changed the FTP account of 'alice' (group 'partners', home -).\n", ""),
            await _app.RunAsync("editftpuseraccount", "alice", "--storage", "inherit"));
        Assert.Null((await AccountAsync("alice")).StorageProfile);
    }

    [Fact]
    public async Task A_profile_that_is_not_configured_is_refused_by_name_with_exit_code_1_and_nothing_is_written_or_audited()
    {
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners", "--permission", "elr", "--storage", "archive")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpuseraccount", "alice", "partners")).ExitCode);
        long before = await LastIdAsync();

        Assert.Equal((1, "", Refused), await _app.RunAsync("createftpusergroup", "staff", "--storage", "tape"));
        Assert.Equal((1, "", Refused), await _app.RunAsync("editftpusergroup", "partners", "--permissions", "elrw", "--storage", "tape"));
        Assert.Equal((1, "", Refused.Replace("'default' clears", "'inherit' clears", StringComparison.Ordinal)),
            await _app.RunAsync("createftpuseraccount", "bob", "partners", "--storage", "tape"));
        Assert.Equal((1, "", Refused.Replace("'default' clears", "'inherit' clears", StringComparison.Ordinal)),
            await _app.RunAsync("editftpuseraccount", "alice", "--home", "/elsewhere", "--storage", "tape"));

        FtpUserGroup partners = await GroupAsync("partners");
        FtpUserAccount alice = await AccountAsync("alice");
        Assert.Equal(("elr", "archive", (string?)null, (string?)null), (partners.Permissions, partners.StorageProfile, alice.HomeDirectory, alice.StorageProfile));
        await using (AsyncServiceScope scope = _app.App.Services.CreateAsyncScope())
        {
            TestAppDbContext db = scope.ServiceProvider.GetRequiredService<TestAppDbContext>();
            Assert.Equal((1, 1), (await db.Set<FtpUserGroup>().CountAsync(), await db.Set<FtpUserAccount>().CountAsync()));
        }

        Assert.Empty(await RowsAfterAsync(before));
    }

    [Fact]
    public async Task Listftpusergroup_and_listftpuseraccount_show_the_storage_in_the_settings_line()
    {
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners", "--storage", "archive")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "staff")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpuseraccount", "alice", "partners", "--storage", "fast")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpuseraccount", "bob", "staff")).ExitCode);

        string[] groups = (await _app.RunAsync("listftpusergroup")).StdOut.TrimEnd('\n').Split('\n');
        string[] accounts = (await _app.RunAsync("listftpuseraccount")).StdOut.TrimEnd('\n').Split('\n');

        Assert.EndsWith("; storage archive", groups[2], StringComparison.Ordinal);
        Assert.EndsWith("; storage default", groups[4], StringComparison.Ordinal);
        Assert.EndsWith("; storage fast", accounts[2], StringComparison.Ordinal);
        Assert.EndsWith("; storage group's", accounts[4], StringComparison.Ordinal);
    }

    private async Task<FtpUserGroup> GroupAsync(string name)
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestAppDbContext>().Set<FtpUserGroup>().AsNoTracking().SingleAsync(g => g.Name == name);
    }

    private async Task<FtpUserAccount> AccountAsync(string userName)
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        TestAppDbContext db = scope.ServiceProvider.GetRequiredService<TestAppDbContext>();
        string id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
        return await db.Set<FtpUserAccount>().AsNoTracking().SingleAsync(a => a.UserId == id);
    }

    private async Task<long> LastIdAsync()
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestAppDbContext>().Set<FtpAuditEntry>().MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<List<FtpAuditEntry>> RowsAfterAsync(long id)
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestAppDbContext>().Set<FtpAuditEntry>().Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync();
    }
}
