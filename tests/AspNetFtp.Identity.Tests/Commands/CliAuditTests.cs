using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>
/// Every verb that changes something writes exactly one audit row with the CLI as actor (<see cref="AdminAudit.CliActor"/>:
/// the operating-system user, then <c>(cli)</c>); a verb that only reads or is refused writes none.
/// </summary>
public sealed class CliAuditTests : IAsyncLifetime
{
    private static readonly string Cli = Environment.UserName + " (cli)";

    private EmbeddingApp _app = null!;

    public async Task InitializeAsync() => _app = await EmbeddedAccountCommandsTests.BuildWithAccountAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void The_cli_actor_is_the_operating_system_user_then_cli() => Assert.Equal(Cli, AdminAudit.CliActor);

    [Fact]
    public async Task Editftpusergroup_writes_exactly_one_group_changed_row_naming_the_group_with_the_cli_as_actor()
    {
        long before = await LastIdAsync();

        Assert.Equal(0, (await _app.RunAsync("editftpusergroup", "partners", "--permissions", "elrw", "--require-tls", "true")).ExitCode);

        FtpAuditEntry entry = Assert.Single(await RowsAfterAsync(before));
        Assert.Equal((AdminAuditKinds.GroupChanged, (string?)null, Cli, "Changed FTP group 'partners' (permissions elrw, home -, TLS required)."),
            (entry.Kind, entry.UserName, entry.Actor, entry.Detail));
    }

    [Fact]
    public async Task Setftpaccessrules_for_an_account_writes_exactly_one_access_rules_row_for_that_user_with_the_cli_as_actor()
    {
        long before = await LastIdAsync();

        Assert.Equal(0, (await _app.RunAsync("setftpaccessrules", "--user", "alice", "--allow", "192.0.2.0/24", "--expires", "2031-01-31")).ExitCode);

        FtpAuditEntry entry = Assert.Single(await RowsAfterAsync(before));
        Assert.Equal((AdminAuditKinds.AccessRulesChanged, "alice", Cli), (entry.Kind, entry.UserName, entry.Actor));
        Assert.Equal("access rules of the FTP account of 'alice': allowed 192.0.2.0/24; denied none; expires 2031-01-31 00:00:00", entry.Detail);
    }

    [Fact]
    public async Task Setftplimits_for_a_group_writes_exactly_one_limits_row_naming_the_group_with_the_cli_as_actor()
    {
        long before = await LastIdAsync();

        Assert.Equal(0, (await _app.RunAsync("setftplimits", "--group", "partners", "--max-sessions", "3", "--upload-mode", "atomic")).ExitCode);

        FtpAuditEntry entry = Assert.Single(await RowsAfterAsync(before));
        Assert.Equal((AdminAuditKinds.LimitsChanged, (string?)null, Cli), (entry.Kind, entry.UserName, entry.Actor));
        Assert.Equal("Set the limits of FTP group 'partners': quota none bytes, none files; upload none B/s, download none B/s; sessions 3; upload mode Atomic.", entry.Detail);
    }

    [Fact]
    public async Task Each_changing_verb_writes_one_row_of_its_kind_and_the_app_password_row_holds_no_password()
    {
        long before = await LastIdAsync();
        (int? created, string stdout, _) = await _app.RunAsync("createapppassword", "alice", "scanner");
        Assert.Equal(0, created);
        string password = stdout.Split(": ")[1].Split('\n')[0];
        foreach (string[] args in (string[][])
        [
            ["deleteapppassword", "alice", "scanner"],
            ["editftpuseraccount", "alice", "--home", "/srv/alice"],
            ["addftpdirectoryrule", "--group", "partners", "/incoming", "elrw"],
            ["removeftpdirectoryrule", "--group", "partners", "/incoming"],
            ["setftplimits", "--user", "alice", "--quota-files", "10"],
            ["recountftpusage", "alice"],
            ["createftpusergroup", "spare"],
            ["deleteftpusergroup", "spare"],
            ["deleteftpuseraccount", "alice"],
        ])
        {
            Assert.Equal(0, (await _app.RunAsync(args)).ExitCode);
        }

        List<FtpAuditEntry> rows = await RowsAfterAsync(before);
        Assert.Equal(
            [
                (AdminAuditKinds.AppPasswordCreated, "alice"), (AdminAuditKinds.AppPasswordRevoked, "alice"), (AdminAuditKinds.AccountChanged, "alice"),
                (AdminAuditKinds.DirectoryRuleSet, null), (AdminAuditKinds.DirectoryRuleRemoved, null), (AdminAuditKinds.LimitsChanged, "alice"),
                (AdminAuditKinds.UsageRecounted, "alice"), (AdminAuditKinds.GroupCreated, null), (AdminAuditKinds.GroupDeleted, null),
                (AdminAuditKinds.AccountDeleted, "alice"),
            ],
            rows.Select(e => (e.Kind, e.UserName)));
        Assert.All(rows, e => Assert.Equal(Cli, e.Actor));
        Assert.Equal("app password 'scanner' created", rows[0].Detail);
        Assert.DoesNotContain(rows, e => e.Detail!.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_change_and_a_listing_write_no_row()
    {
        long before = await LastIdAsync();

        Assert.Equal(1, (await _app.RunAsync("editftpusergroup", "ghosts", "--require-tls", "true")).ExitCode);
        Assert.Equal(1, (await _app.RunAsync("setftplimits", "--group", "partners", "--max-sessions", "lots")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("listftpusergroup")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("listftpaccessrules", "--group", "partners")).ExitCode);

        Assert.Empty(await RowsAfterAsync(before));
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
