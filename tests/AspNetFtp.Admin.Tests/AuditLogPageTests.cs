using System.Globalization;
using AspNetFtp.Admin.Areas.FtpAdmin.Pages;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// The audit log page after the scripted activity (<see cref="ScriptedActivity"/>) in an app of its own: the events
/// listed, each filter returning exactly its rows, the filters kept in the link, paging, and a bad filter named next to its field.
/// </summary>
[Collection(ActivityAppCollection.Name)]
public sealed class AuditLogPageTests(AdminApp app) : IAsyncLifetime
{
    private IPage? _page;

    private IPage Page => _page ?? throw new InvalidOperationException("No page.");

    private ILocator Rows => Page.Locator("#audit tbody tr");

    public async Task InitializeAsync()
    {
        await ScriptedActivity.RunOnceAsync(app);
        _page = await app.NewPageAsync();
        await AdminPages.SignInAsync(Page, AdminApp.AdministratorName, AdminApp.Password);
        await Page.GotoAsync("/admin/audit");
    }

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_uploaders_events_are_listed_newest_first_with_paths_and_sizes()
    {
        await Page.FillAsync("#user", AdminApp.FtpUserName);
        await Page.ClickAsync("#apply-filters");

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]user=" + AdminApp.FtpUserName + "(&|$)"));
        await Expect(Rows.Locator("td.kind")).ToHaveTextAsync(
        [
            nameof(ClientDisconnected), nameof(LoggedOut), nameof(FileSent), nameof(LoginSucceeded),
            nameof(ClientDisconnected), nameof(LoggedOut), nameof(FileReceived), nameof(LoginSucceeded),
        ]);
        ILocator sent = Rows.Filter(new LocatorFilterOptions { Has = Page.Locator("td.kind", new PageLocatorOptions { HasTextString = nameof(FileSent) }) });
        await Expect(sent.Locator("td.path")).ToHaveTextAsync("/" + ScriptedActivity.FileName);
        await Expect(sent.Locator("td.size")).ToHaveTextAsync("120.6 KiB");
        await Expect(sent.Locator("td.size")).ToHaveAttributeAsync("title", "123,456 bytes");
        await Expect(sent.Locator("td.address")).ToHaveTextAsync("127.0.0.1");
        await Screenshots.SaveAsync(Page, "audit-log");
    }

    [Fact]
    public async Task Filtering_by_kind_returns_exactly_the_one_upload()
    {
        await Page.SelectOptionAsync("#kind", nameof(FileReceived));
        await Page.ClickAsync("#apply-filters");

        await Expect(Rows).ToHaveCountAsync(1);
        await Expect(Rows.Locator("td.user")).ToHaveTextAsync(AdminApp.FtpUserName);
        await Expect(Page.Locator("#audit-total")).ToHaveTextAsync("1 event · page 1 of 1");
    }

    [Fact]
    public async Task Filtering_by_the_foreign_address_returns_exactly_its_session_with_the_failed_login()
    {
        await Page.FillAsync("#address", ScriptedActivity.ForeignAddress);
        await Page.ClickAsync("#apply-filters");

        await Expect(Rows.Locator("td.kind")).ToHaveTextAsync([nameof(ClientDisconnected), nameof(LoginFailed), nameof(ClientConnected)]);
        ILocator failed = Rows.Nth(1);
        await Expect(failed.Locator("td.user")).ToHaveTextAsync(ScriptedActivity.IntruderName);
        await Expect(failed.Locator("td.detail")).ToHaveTextAsync(nameof(FtpAuthenticationStatus.InvalidCredentials));
        await Expect(failed).ToHaveClassAsync("failed");
    }

    [Fact]
    public async Task Filtering_by_a_utc_time_range_returns_the_rows_from_its_start_up_to_its_end_and_the_link_keeps_the_filters()
    {
        string from = Minute(ScriptedActivity.PagedStart.AddMinutes(10));
        string to = Minute(ScriptedActivity.PagedStart.AddMinutes(13));

        await Page.GotoAsync($"/admin/audit?user={ScriptedActivity.PagedUser}&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");

        await Expect(Rows.Locator("td.detail")).ToHaveTextAsync(["row 12", "row 11", "row 10"]);
        await Expect(Rows.First.Locator("td.actor")).ToHaveTextAsync(AdminApp.AdministratorName);
        await Expect(Page.Locator("#from")).ToHaveValueAsync(from);
        await Expect(Page.Locator("label[for='from']")).ToHaveTextAsync("From (UTC)");
    }

    [Fact]
    public async Task Pages_hold_50_rows_each_and_the_page_links_keep_the_filters()
    {
        await Page.GotoAsync($"/admin/audit?user={ScriptedActivity.PagedUser}");
        await Expect(Page.Locator("#audit-total")).ToHaveTextAsync("120 events · page 1 of 3");
        await Expect(Rows).ToHaveCountAsync(50);
        await Expect(Rows.First.Locator("td.detail")).ToHaveTextAsync("row 119");

        await Page.ClickAsync("#pager a[rel='last']");

        await Expect(Page.Locator("#audit-total")).ToHaveTextAsync("120 events · page 3 of 3");
        await Expect(Rows).ToHaveCountAsync(20);
        await Expect(Rows.First.Locator("td.detail")).ToHaveTextAsync("row 19");
        await Expect(Rows.Last.Locator("td.detail")).ToHaveTextAsync("row 0");
        await Page.ClickAsync("#pager a[rel='prev']");
        await Expect(Page.Locator("#audit-total")).ToHaveTextAsync("120 events · page 2 of 3");
        await Expect(Rows.First.Locator("td.detail")).ToHaveTextAsync("row 69");
    }

    [Fact]
    public async Task A_date_that_cannot_be_read_is_named_next_to_its_field_and_nothing_is_listed()
    {
        await Page.FillAsync("#from", "yesterday");
        await Page.ClickAsync("#apply-filters");

        await Expect(Page.Locator("#from-problem")).ToHaveTextAsync(AuditModel.TimeMessage);
        await Expect(Page.Locator("#from")).ToHaveValueAsync("yesterday");
        await Expect(Page.Locator("#not-queried")).ToBeVisibleAsync();
        await Expect(Rows).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, "audit-log-bad-date");
    }

    [Fact]
    public async Task Page_zero_in_a_link_gets_a_message_not_an_error_page()
    {
        IResponse? response = await Page.GotoAsync("/admin/audit?p=0");

        Assert.Equal(200, response?.Status);
        await Expect(Page.Locator("#page-problem")).ToHaveTextAsync(AuditModel.PageMessage);
        await Expect(Rows).ToHaveCountAsync(0);
    }

    private static string Minute(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
