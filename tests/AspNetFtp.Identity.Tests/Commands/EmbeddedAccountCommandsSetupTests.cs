using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Tests.Store;
using AspNetFtp.Protocol.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>Issue 8: the account verbs in apps set up differently (Guid user keys, no <c>AddIdentityAccounts</c>).</summary>
public sealed class EmbeddedAccountCommandsSetupTests
{
    [Fact]
    public async Task An_app_whose_users_have_guid_keys_runs_the_verbs_against_its_own_tables()
    {
        await using EmbeddingApp app = await EmbeddingApp.BuildAsync<GuidKeyedUserTests.GuidDbContext>((builder, connectionString) =>
        {
            builder.Services.AddDbContext<GuidKeyedUserTests.GuidDbContext>(o => o.UseSqlite(connectionString));
            builder.Services.AddIdentityCore<IdentityUser<Guid>>().AddEntityFrameworkStores<GuidKeyedUserTests.GuidDbContext>();
            builder.Services.AddFtpServer(builder.Configuration)
                .AddIdentityAccounts<IdentityUser<Guid>, Guid, FtpUserAccount<Guid>, GuidKeyedUserTests.GuidDbContext>(builder.Configuration);
        });
        Guid userId;
        await using (AsyncServiceScope scope = app.App.Services.CreateAsyncScope())
        {
            var user = new IdentityUser<Guid> { UserName = "bob" };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser<Guid>>>().CreateAsync(user, "Correct-Horse-7")).Succeeded);
            userId = user.Id;
        }

        Assert.Equal((0, "Created FTP group 'partners' (permissions elr).\n", ""), await app.RunAsync("createftpusergroup", "partners", "--permission", "elr"));
        Assert.Equal((0, "Created the FTP account of 'bob' in group 'partners'.\n", ""), await app.RunAsync("createftpuseraccount", "bob", "partners"));
        (int? listed, string accounts, _) = await app.RunAsync("listftpuseraccount");

        Assert.Equal(0, listed);
        Assert.Equal(
            [
                "USER                     GROUP                    LAST LOGIN (UTC)     APP PASSWORDS  HOME", "bob                      partners                 never                            0  -",
                "    quota group's; files group's; upload group's; download group's; sessions group's; allowed any; denied none; expires never; storage group's",
            ],
            accounts.TrimEnd('\n').Split('\n'));
        await using AsyncServiceScope check = app.App.Services.CreateAsyncScope();
        FtpUserAccount<Guid> account = Assert.Single(await check.ServiceProvider.GetRequiredService<GuidKeyedUserTests.GuidDbContext>().Set<FtpUserAccount<Guid>>().ToListAsync());
        Assert.Equal(userId, account.UserId);
    }

    [Fact]
    public async Task An_app_without_AddIdentityAccounts_gets_one_clear_error_line_and_a_non_zero_exit()
    {
        await using EmbeddingApp app = await EmbeddingApp.BuildAsync<TestAppDbContext>((builder, connectionString) =>
        {
            builder.Services.AddDbContext<TestAppDbContext>(o => o.UseSqlite(connectionString));
            builder.Services.AddIdentityCore<IdentityUser>().AddEntityFrameworkStores<TestAppDbContext>();
            builder.Services.AddScoped<FtpAccountManager<IdentityUser, TestAppDbContext>>();
        });

        (int? exitCode, string stdout, string stderr) = await app.RunAsync("listftpusergroup");

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            "error: AddIdentityAccounts was not called: 'listftpusergroup' needs services.AddFtpServer(configuration).AddIdentityAccounts<TUser, TContext>(configuration)\n",
            stderr);
    }
}
