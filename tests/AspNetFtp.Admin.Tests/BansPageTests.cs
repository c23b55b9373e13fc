using System.Net;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// The Bans page (issue 10, defender): an administrator bans an address by hand and its FTP connections get 421 at
/// once; lifting it on the page lets them in again; both are audit rows with the administrator as actor, and the
/// ban is a row of the shared table while it lasts. A bad address is refused next to its field.
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed class BansPageTests(AdminApp app) : SignedInAdminTest(app)
{
    private static readonly IPAddress Banned = IPAddress.Parse("127.0.0.3");

    private async Task<int> GreetingFromBannedAddressAsync()
    {
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(App.FtpEndPoint, Banned);
        return (await client.ReadReplyAsync()).Code;
    }

    private async Task<FtpAuditEntry> AuditRowAsync(string kind)
    {
        // The audit log writes in batches: wait for the row, bounded.
        for (var i = 0; i < 100; i++)
        {
            List<FtpAuditEntry> rows = await App.QueryAsync(db => db.Set<FtpAuditEntry>().AsNoTracking()
                .Where(e => e.Kind == kind && e.RemoteAddress == "127.0.0.3").ToListAsync());
            if (rows.Count > 0)
            {
                return Assert.Single(rows);
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"no {kind} audit row for 127.0.0.3 within 10 s");
    }

    [Fact]
    public async Task A_ban_added_on_the_page_refuses_the_address_with_421_and_lifting_it_lets_it_in_again_both_audited()
    {
        Assert.Equal(220, await GreetingFromBannedAddressAsync());
        await Page.GotoAsync("/admin/bans");
        await Page.FillAsync("#Input_Address", "127.0.0.3");
        await Page.FillAsync("#Input_Minutes", "60");
        await Page.FillAsync("#Input_Reason", "scanner seen in the firewall log");
        await Page.ClickAsync("#ban");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("127.0.0.3 is banned for 60 min.");
        ILocator row = Page.Locator("#bans tr[data-address='127.0.0.3']");
        await Expect(row.Locator(".reason")).ToHaveTextAsync("scanner seen in the firewall log");
        await Expect(row.Locator(".by")).ToHaveTextAsync(AdminApp.AdministratorName);
        Assert.Equal(421, await GreetingFromBannedAddressAsync());
        FtpBan stored = await App.QueryAsync(db => db.Set<FtpBan>().AsNoTracking().SingleAsync(b => b.Address == "127.0.0.3"));
        Assert.Equal((AdminApp.AdministratorName, TimeSpan.FromMinutes(60)), (stored.CreatedBy, stored.ExpiresUtc - stored.CreatedUtc));
        Assert.Equal(AdminApp.AdministratorName, (await AuditRowAsync(nameof(Protocol.Abstractions.AddressBanned))).Actor);

        await row.Locator("button", new() { HasText = "Lift" }).ClickAsync();

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The ban was lifted.");
        await Expect(Page.Locator("#bans tr[data-address='127.0.0.3']")).ToHaveCountAsync(0);
        Assert.Equal(220, await GreetingFromBannedAddressAsync());
        Assert.Equal(AdminApp.AdministratorName, (await AuditRowAsync(nameof(Protocol.Abstractions.AddressBanLifted))).Actor);
        Assert.False(await App.QueryAsync(db => db.Set<FtpBan>().AnyAsync(b => b.Address == "127.0.0.3")));
    }

    [Fact]
    public async Task A_host_name_instead_of_an_address_is_refused_next_to_its_field_and_nothing_is_banned()
    {
        await Page.GotoAsync("/admin/bans");
        await Page.FillAsync("#Input_Address", "ftp.example.com");
        await Page.FillAsync("#Input_Minutes", "60");
        await Page.ClickAsync("#ban");

        await Expect(Page.Locator("#address-problem")).ToContainTextAsync("Enter an IP address");
        Assert.False(await App.QueryAsync(db => db.Set<FtpBan>().AnyAsync(b => b.Address.Contains("example"))));
    }
}
