using AspNetFtp.Admin.Dashboard;
using AspNetFtp.Admin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// The dashboard at <c>/admin</c>, after the scripted activity (<see cref="ScriptedActivity"/>) in an app of its own:
/// the exact totals of the last 24 hours, the top user, the failed address, and charts a screen reader can name.
/// </summary>
[Collection(ActivityAppCollection.Name)]
public sealed class DashboardTests(AdminApp app) : IAsyncLifetime
{
    private IPage? _page;

    private IPage Page => _page ?? throw new InvalidOperationException("No page.");

    public async Task InitializeAsync()
    {
        await ScriptedActivity.RunOnceAsync(app);
        _page = await app.NewPageAsync();
        await AdminPages.SignInAsync(Page, AdminApp.AdministratorName, AdminApp.Password);
        await Expect(Page).ToHaveURLAsync(app.BaseUrl + "/admin");
    }

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_dashboard_shows_exactly_the_bytes_moved_and_the_logins_of_the_scripted_session()
    {
        string bytes = DashboardText.Bytes(ScriptedActivity.Bytes);
        Assert.Equal("120.6 KiB (123,456 bytes)", bytes);

        await Expect(Page.Locator("#total-bytes-in")).ToHaveTextAsync(bytes);
        await Expect(Page.Locator("#total-bytes-out")).ToHaveTextAsync(bytes);
        await Expect(Page.Locator("#total-logins-succeeded")).ToHaveTextAsync("2");
        await Expect(Page.Locator("#total-logins-failed")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(Page, "dashboard");
    }

    [Fact]
    public async Task The_top_users_table_lists_the_one_user_who_moved_bytes_with_both_directions()
    {
        ILocator rows = Page.Locator("#top-users tbody tr");

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td.user")).ToHaveTextAsync(AdminApp.FtpUserName);
        await Expect(rows.Locator("td.in")).ToHaveTextAsync(DashboardText.Bytes(ScriptedActivity.Bytes));
        await Expect(rows.Locator("td.out")).ToHaveTextAsync(DashboardText.Bytes(ScriptedActivity.Bytes));
        await Expect(rows.Locator("td.total")).ToHaveTextAsync(DashboardText.Bytes(2L * ScriptedActivity.Bytes));
    }

    [Fact]
    public async Task The_failed_login_appears_under_its_foreign_address_with_the_user_name_tried()
    {
        ILocator rows = Page.Locator("#failed-logins tbody tr");

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td.address")).ToHaveTextAsync(ScriptedActivity.ForeignAddress);
        await Expect(rows.Locator("td.count")).ToHaveTextAsync("1");
        await Expect(rows.Locator("td.user")).ToHaveTextAsync(ScriptedActivity.IntruderName);
    }

    [Fact]
    public async Task Each_chart_is_inline_svg_named_by_its_title_with_a_table_of_24_hours_behind_it()
    {
        foreach ((string id, string title) in ((string, string)[])[("chart-bytes", "Bytes in and out per hour"), ("chart-logins", "Logins succeeded and failed per hour")])
        {
            ILocator svg = Page.Locator($"#{id} svg[role='img']");
            await Expect(svg).ToHaveAccessibleNameAsync(title);
            await Expect(svg).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(" per hour, from \\d\\d:00 UTC yesterday to now: "));
            await Expect(svg.Locator("rect")).ToHaveCountAsync(48);
            await Expect(Page.Locator($"#{id} details tbody tr")).ToHaveCountAsync(24);
        }

        // The byte axis speaks in binary units, the totals' hour among the table rows.
        await Expect(Page.Locator("#chart-bytes svg g.y-tick text").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d+ KiB$"));
        await Expect(Page.Locator("#chart-bytes details tbody td", new PageLocatorOptions { HasTextString = DashboardText.Bytes(ScriptedActivity.Bytes) }))
            .ToHaveCountAsync(2);
        Assert.Equal(0, await Page.Locator("script").CountAsync());
    }
}
