using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>The defender's verbs (<c>listftpbans</c>, <c>banftpaddress</c>, <c>liftftpban</c>) inside an embedding app.</summary>
public sealed class BanCommandsTests : IAsyncLifetime
{
    private EmbeddingApp _app = null!;

    public async Task InitializeAsync() => _app = await EmbeddedAccountCommandsTests.BuildStringKeyedAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Banftpaddress_bans_a_range_listftpbans_shows_it_and_liftftpban_lifts_it_each_audited()
    {
        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("banftpaddress", "198.51.100.77/24", "--minutes", "30", "--reason", "scanner");
        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Matches(@"^Banned 198\.51\.100\.0/24 until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(offence 1\)\.\n$", stdout);

        (exitCode, stdout, stderr) = await _app.RunAsync("listftpbans");
        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Contains("198.51.100.0/24", stdout, StringComparison.Ordinal);
        Assert.Contains("scanner", stdout, StringComparison.Ordinal);

        Assert.Equal((0, "Lifted the ban of 198.51.100.0/24.\n", ""), await _app.RunAsync("liftftpban", "198.51.100.0/24"));
        await using AsyncServiceScope scope = _app.App.Services.CreateAsyncScope();
        TestAppDbContext db = scope.ServiceProvider.GetRequiredService<TestAppDbContext>();
        Assert.Empty(await db.Set<FtpBan>().ToListAsync());
        List<FtpAuditEntry> audit = await db.Set<FtpAuditEntry>().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["AddressBanned", "AddressBanLifted"], audit.Select(e => e.Kind));
        Assert.All(audit, e => Assert.Equal(("198.51.100.0/24", Environment.UserName + " (cli)"), (e.RemoteAddress, e.Actor)));
    }

    [Fact]
    public async Task Banftpaddress_refuses_a_value_that_is_not_an_address_with_one_line_naming_it()
    {
        Assert.Equal((1, "", "error: 'example.com' is not an IP address or CIDR range\n"), await _app.RunAsync("banftpaddress", "example.com"));
    }

    [Fact]
    public async Task Banftpaddress_refuses_zero_minutes_with_one_line_naming_the_value()
    {
        Assert.Equal((1, "", "error: --minutes 0 must be from 1 to 5256000\n"), await _app.RunAsync("banftpaddress", "203.0.113.7", "--minutes", "0"));
    }

    [Fact]
    public async Task Liftftpban_refuses_a_value_that_is_not_an_address_with_one_line_naming_it()
    {
        Assert.Equal((1, "", "error: '10.0.0.0/99' is not an IP address or CIDR range\n"), await _app.RunAsync("liftftpban", "10.0.0.0/99"));
    }

    [Fact]
    public async Task Liftftpban_of_an_address_that_is_not_banned_fails_with_one_line_naming_it()
    {
        Assert.Equal((1, "", "error: '203.0.113.9' is not banned\n"), await _app.RunAsync("liftftpban", "203.0.113.9"));
    }
}
