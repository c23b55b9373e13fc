using System.Diagnostics;
using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 9's "done when", as a newcomer does it: the README's first command (the host without a verb), the printed
/// admin URL opened in chromium, a sign-in with the printed administrator, a user, a group and an FTP account made
/// in the browser, that account logged in with curl, its slow upload watched live and disconnected, and the events
/// found in the audit log.
/// </summary>
public sealed partial class NewcomerWalkthroughTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(60);
    private const string PartnerName = "partner";
    private const string PartnerPassword = "Partner-Passw0rd!";
    private const string GroupName = "partners";

    [Fact]
    public async Task A_newcomer_signs_in_with_the_printed_credentials_creates_an_account_and_watches_its_upload_live_and_in_the_audit_log()
    {
        string scratch = TestRun.NewDirectory("newcomer");
        string data = Path.Combine(scratch, "data");
        Dictionary<string, string> environment = HostStartAttempt.IdentityEnvironment(data);
        environment["FtpServer__Host"] = "127.0.0.1";
        environment["FtpServer__Port"] = "0";
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        await using HostStartAttempt host = await HostStartAttempt.StartAsync(output, environment, scratch);
        Assert.True(await host.WaitForOutputAsync("Press Ctrl+C to stop.", ServeTimeout), host.Output);
        string adminUrl = AdminLine().Match(host.Output).Groups["url"].Value;
        int ftpPort = int.Parse(FtpLine().Match(host.Output).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        string password = (await File.ReadAllTextAsync(Path.Combine(data, "first-administrator-password"))).Trim();

        // A loaded two-core machine: the host hashes passwords and curl starts in the time an assertion waits.
        SetDefaultExpectTimeout(30_000);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = new Uri(adminUrl).GetLeftPart(UriPartial.Authority) });
        context.SetDefaultTimeout(30_000);
        IPage page = await context.NewPageAsync();

        // The printed URL asks for a sign-in; the printed credentials land on the dashboard.
        await page.GotoAsync(adminUrl);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/login\\?"));
        await page.FillAsync("input[name='UserName']", "admin");
        await page.FillAsync("input[name='Password']", password);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");

        await page.GotoAsync("/admin/users/create");
        await page.FillAsync("input[name='UserName']", PartnerName);
        await page.FillAsync("input[name='Email']", PartnerName + "@example.org");
        await page.FillAsync("input[name='Password']", PartnerPassword);
        await page.FillAsync("input[name='ConfirmPassword']", PartnerPassword);
        await page.ClickAsync("#create");
        await Expect(page.Locator("#notice")).ToHaveTextAsync($"Created the user '{PartnerName}'.");

        await page.GotoAsync("/admin/groups/edit");
        await page.FillAsync("#Input_Name", GroupName);
        foreach (ILocator letter in await page.Locator("input[name='Input.Permissions']").AllAsync())
        {
            await letter.SetCheckedAsync("elrw".Contains(await letter.GetAttributeAsync("value") ?? "?", StringComparison.Ordinal));
        }

        await page.ClickAsync("#save");
        await Expect(page.Locator("#notice")).ToHaveTextAsync($"Group '{GroupName}' was created.");

        await page.GotoAsync("/admin/accounts/create");
        await page.FillAsync("#UserName", PartnerName);
        await page.SelectOptionAsync("#GroupName", GroupName);
        await page.ClickAsync("#create");
        await Expect(page.Locator("#notice")).ToHaveTextAsync($"The FTP account of '{PartnerName}' was created.");

        // The new account uploads slowly with curl (25 KiB/s, 1 MiB: about 40 s unless cut) while the page watches.
        await page.GotoAsync("/admin/sessions");
        string upload = Path.Combine(scratch, "upload.bin");
        await File.WriteAllBytesAsync(upload, new byte[1024 * 1024]);
        using Process curl = StartCurl(
            "--silent", "--show-error", "--max-time", "90", "--limit-rate", "25k",
            "--user", $"{PartnerName}:{PartnerPassword}", "-T", upload, $"ftp://127.0.0.1:{ftpPort}/report.bin");
        try
        {
            ILocator row = page.Locator("tr[data-session]", new PageLocatorOptions
            {
                Has = page.Locator("td.user", new PageLocatorOptions { HasTextString = PartnerName }),
            });
            await Expect(row.Locator("td.transfer .direction")).ToHaveTextAsync("upload");
            await Expect(row.Locator("td.transfer .path")).ToHaveTextAsync("/report.bin");

            await row.Locator("button", new LocatorLocatorOptions { HasTextString = "Disconnect" }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await curl.WaitForExitAsync(exited.Token);
            Assert.NotEqual(0, curl.ExitCode);
        }
        finally
        {
            if (!curl.HasExited)
            {
                curl.Kill();
            }
        }

        // The audit log holds the account's login and the cut upload (written in batches: reloaded, bounded).
        await ExpectAuditRowAsync(page, $"/admin/audit?user={PartnerName}&kind=LoginSucceeded");
        await ExpectAuditRowAsync(page, $"/admin/audit?user={PartnerName}&kind=FileReceivedIncomplete");
        await page.GotoAsync($"/admin/audit?kind=AdminAccountCreated");
        await Expect(page.Locator("tr[data-id] td.actor").First).ToHaveTextAsync("admin");
    }

    private static async Task ExpectAuditRowAsync(IPage page, string url)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await page.GotoAsync(url);
            if (await page.Locator("tr[data-id]").CountAsync() > 0 || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                break;
            }

            await page.WaitForTimeoutAsync(500);
        }

        await Expect(page.Locator("tr[data-id]")).ToHaveCountAsync(1);
    }

    private static Process StartCurl(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
    }

    [GeneratedRegex(@"^out\| Web admin: (?<url>http://127\.0\.0\.1:\d+/admin)$", RegexOptions.Multiline)]
    private static partial Regex AdminLine();

    [GeneratedRegex(@"^out\| Listening on 127\.0\.0\.1:(?<port>\d+) \(FTP\)$", RegexOptions.Multiline)]
    private static partial Regex FtpLine();
}
