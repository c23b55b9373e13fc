using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary><c>listftpusergroup</c> and <c>listftpuseraccount</c> show the hardening settings under each row, sizes in binary units.</summary>
public sealed class ListSettingsCommandsTests : IAsyncLifetime
{
    private EmbeddingApp _app = null!;

    public async Task InitializeAsync() => _app = await EmbeddedAccountCommandsTests.BuildWithAccountAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Listftpusergroup_shows_tls_upload_mode_limits_quotas_and_address_lists_of_each_group()
    {
        Assert.Equal(0, (await _app.RunAsync("editftpusergroup", "partners", "--require-tls", "true")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("setftplimits", "--group", "partners", "--quota-bytes", "10M", "--quota-files", "500",
            "--upload-rate", "512K", "--download-rate", "2M", "--max-sessions", "3", "--upload-mode", "atomic-resume")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("setftpaccessrules", "--group", "partners", "--allow", "192.0.2.0/24,2001:db8::/32", "--deny", "192.0.2.9")).ExitCode);

        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("listftpusergroup");

        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Equal(
            [
                "NAME                     PERMISSIONS ACCOUNTS  HOME",
                "partners                 elr                1  -",
                "    TLS required; upload mode atomic-resume; quota 10 MiB; files 500; upload 512 KiB/s; download 2 MiB/s; sessions 3; allowed 192.0.2.0/24, 2001:db8::/32; denied 192.0.2.9; storage default",
            ],
            stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Listftpuseraccount_shows_an_accounts_own_limits_addresses_and_expiry_and_what_it_takes_from_its_group()
    {
        Assert.Equal(0, (await _app.RunAsync("setftplimits", "--user", "alice", "--quota-bytes", "1G", "--max-sessions", "none")).ExitCode);
        Assert.Equal(0, (await _app.RunAsync("setftpaccessrules", "--user", "alice", "--deny", "198.51.100.0/24", "--expires", "2031-01-31T18:00")).ExitCode);

        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("listftpuseraccount");

        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Equal(
            "    quota 1 GiB; files group's; upload group's; download group's; sessions none; allowed any; denied 198.51.100.0/24; expires 2031-01-31 18:00:00 UTC; storage group's",
            stdout.TrimEnd('\n').Split('\n')[2]);
    }
}
