using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Commands;
using AspNetFtp.Protocol.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>
/// Issue 8: the FTP account verbs run inside an embedding app (<c>if (await app.RunFtpCommandAsync(args)) return;</c>)
/// against the app's own DbContext and configuration, without starting the app or its FTP listener.
/// </summary>
public sealed class EmbeddedAccountCommandsTests : IAsyncLifetime
{
    private EmbeddingApp _app = null!;

    public async Task InitializeAsync() => _app = await BuildStringKeyedAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    internal static Task<EmbeddingApp> BuildStringKeyedAppAsync(IReadOnlyDictionary<string, string?>? settings = null) => EmbeddingApp.BuildAsync<TestAppDbContext>((builder, connectionString) =>
    {
        builder.Services.AddDbContext<TestAppDbContext>(o => o.UseSqlite(connectionString));
        builder.Services.AddIdentityCore<IdentityUser>().AddEntityFrameworkStores<TestAppDbContext>();
        builder.Services.AddFtpServer(builder.Configuration).AddIdentityAccounts<IdentityUser, TestAppDbContext>(builder.Configuration);
    }, settings);

    /// <summary>The string-keyed app with the user alice, the group partners (elr) and her account in it, made by the verbs.</summary>
    internal static async Task<EmbeddingApp> BuildWithAccountAsync()
    {
        EmbeddingApp app = await BuildStringKeyedAppAsync();
        await using (AsyncServiceScope scope = app.App.Services.CreateAsyncScope())
        {
            UserManager<IdentityUser> users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.CreateAsync(new IdentityUser { UserName = "alice" }, "Correct-Horse-7")).Succeeded);
        }

        Assert.Equal(0, (await app.RunAsync("createftpusergroup", "partners", "--permission", "elr")).ExitCode);
        Assert.Equal(0, (await app.RunAsync("createftpuseraccount", "alice", "partners")).ExitCode);
        return app;
    }

    [Fact]
    public async Task Createftpusergroup_creates_the_group_in_the_apps_own_database()
    {
        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("createftpusergroup", "partners", "--permission", "elr");

        Assert.Equal(0, exitCode);
        Assert.Equal("Created FTP group 'partners' (permissions elr).\n", stdout);
        Assert.Equal(string.Empty, stderr);
        FtpUserGroup group = Assert.Single(await QueryAsync(db => db.Set<FtpUserGroup>().ToListAsync()));
        Assert.Equal(("partners", "elr", (string?)null, false), (group.Name, group.Permissions, group.HomeDirectory, group.RequireAppPasswords));
    }

    [Fact]
    public async Task Createftpuseraccount_gives_a_user_of_the_app_an_ftp_account_that_the_list_verbs_show()
    {
        string userId = await QueryAsync(async (_, users) =>
        {
            var user = new IdentityUser { UserName = "alice" };
            Assert.True((await users.CreateAsync(user, "Correct-Horse-7")).Succeeded);
            return user.Id;
        });
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners", "--permission", "elr")).ExitCode);

        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("createftpuseraccount", "alice", "partners");

        Assert.Equal((0, "Created the FTP account of 'alice' in group 'partners'.\n", ""), (exitCode, stdout, stderr));
        FtpUserAccount account = Assert.Single(await QueryAsync(db => db.Set<FtpUserAccount>().Include(a => a.Group).ToListAsync()));
        Assert.Equal((userId, "partners"), (account.UserId, account.Group!.Name));

        (int? groupsExit, string groups, _) = await _app.RunAsync("listftpusergroup");
        Assert.Equal(0, groupsExit);
        Assert.Equal(
            [
                "NAME                     PERMISSIONS ACCOUNTS  HOME", "partners                 elr                1  -",
                "    TLS as the server; upload mode default; quota none; files none; upload none; download none; sessions none; allowed any; denied none; storage default",
            ],
            groups.TrimEnd('\n').Split('\n'));
        (int? accountsExit, string accounts, _) = await _app.RunAsync("listftpuseraccount");
        Assert.Equal(0, accountsExit);
        Assert.Equal(
            [
                "USER                     GROUP                    LAST LOGIN (UTC)     APP PASSWORDS  HOME", "alice                    partners                 never                            0  -",
                "    quota group's; files group's; upload group's; download group's; sessions group's; allowed any; denied none; expires never; storage group's",
            ],
            accounts.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Bad_permission_letters_exit_non_zero_with_one_stderr_line_naming_the_bad_value()
    {
        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("createftpusergroup", "partners", "--permission", "elrq");

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        string line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: permission 'elrq': ", line, StringComparison.Ordinal);
        Assert.Empty(await QueryAsync(db => db.Set<FtpUserGroup>().ToListAsync()));
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:0")]
    [InlineData("createuser", "alice")]
    [InlineData("CreateFtpUserGroup", "partners")]
    public async Task An_argument_list_that_names_no_ftp_verb_is_left_to_the_app(string first, string second)
    {
        Assert.False(await _app.App.RunFtpCommandAsync([first, second]));
        Assert.False(await _app.App.RunFtpCommandAsync([]));

        (int? exitCode, string stdout, string stderr) = await _app.RunAsync(first, second);
        Assert.Equal(((int?)null, "", ""), (exitCode, stdout, stderr));
        Assert.Empty(await QueryAsync(db => db.Set<FtpUserGroup>().ToListAsync()));
    }

    [Fact]
    public async Task A_verb_starts_neither_the_app_nor_its_ftp_listener()
    {
        IHostApplicationLifetime lifetime = _app.App.Services.GetRequiredService<IHostApplicationLifetime>();

        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("listftpusergroup")).ExitCode);

        Assert.False(lifetime.ApplicationStarted.IsCancellationRequested);
        Assert.True(_app.FtpPortIsFree(), $"the FTP port {_app.FtpPort} is held: the FTP listener was started");
    }

    [Fact]
    public async Task Help_for_a_verb_prints_its_arguments_and_options_and_changes_nothing()
    {
        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("createftpusergroup", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("createftpusergroup <name> [<home_dir>] [options]", stdout, StringComparison.Ordinal);
        Assert.Contains("--permission", stdout, StringComparison.Ordinal);
        Assert.Contains("--require-app-passwords", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
        Assert.Empty(await QueryAsync(db => db.Set<FtpUserGroup>().ToListAsync()));
    }

    [Fact]
    public async Task App_passwords_are_created_and_revoked_in_the_app()
    {
        await QueryAsync(async (_, users) => Assert.True((await users.CreateAsync(new IdentityUser { UserName = "scanner-owner" }, "Correct-Horse-7")).Succeeded));
        Assert.Equal(0, (await _app.RunAsync("createftpusergroup", "partners")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("createftpuseraccount", "scanner-owner", "partners")).ExitCode);

        (int? created, string shown, _) = await _app.RunAsync("createapppassword", "scanner-owner", "scanner");
        Assert.Equal(0, created);
        Assert.Matches(@"^App password 'scanner' for 'scanner-owner': ftp-\d+-[a-z2-9-]{29}\n\(shown only this once; it cannot be recovered, only revoked\)\n$", shown);
        Assert.Single(await QueryAsync(db => db.Set<FtpAppPassword>().ToListAsync()));

        Assert.Equal((0, "Revoked app password 'scanner' of 'scanner-owner'.\n", ""), await RunExitAsync("deleteapppassword", "scanner-owner", "scanner"));
        Assert.Empty(await QueryAsync(db => db.Set<FtpAppPassword>().ToListAsync()));
        Assert.Equal((0, "Deleted the FTP account of 'scanner-owner'.\n", ""), await RunExitAsync("deleteftpuseraccount", "scanner-owner"));
        Assert.Equal((0, "Deleted FTP group 'partners'.\n", ""), await RunExitAsync("deleteftpusergroup", "partners"));
        Assert.Equal((1, "", "error: group 'partners' does not exist\n"), await RunExitAsync("deleteftpusergroup", "partners"));
    }

    private async Task<(int?, string, string)> RunExitAsync(params string[] args) => await _app.RunAsync(args);

    private Task<T> QueryAsync<T>(Func<TestAppDbContext, Task<T>> query) => QueryAsync((db, _) => query(db));

    private async Task<T> QueryAsync<T>(Func<TestAppDbContext, UserManager<IdentityUser>, Task<T>> query)
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestAppDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    private async Task QueryAsync(Func<TestAppDbContext, UserManager<IdentityUser>, Task> action)
    {
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TestAppDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }
}
