using System.Security.Cryptography;
using AspNetFtp.Sample.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AspNetFtp.Sample.Tests;

/// <summary>
/// samples/ExistingIdentityApp, built from the packages and run as its own process: a person registers, confirms
/// and changes a password in the browser; FTP clients log in with the same accounts. One user per test.
/// </summary>
public sealed class SampleAppTests(SampleAppFixture app, ITestOutputHelper output) : IClassFixture<SampleAppFixture>, IAsyncLifetime
{
    /// <summary>Identity's default <c>LockoutOptions.MaxFailedAccessAttempts</c>, which the sample keeps.</summary>
    private const int IdentityLockoutThreshold = 5;

    private const string Password = "Sample-Passw0rd!";

    private IPage? _page;

    private IPage Page => _page ?? throw new InvalidOperationException("No page.");

    public async Task InitializeAsync() => _page = await app.NewPageAsync();

    public async Task DisposeAsync()
    {
        output.WriteLine("--- set-up steps ---");
        output.WriteLine(app.Timeline);
        output.WriteLine("--- the sample app's output ---");
        output.WriteLine(app.AppOutput);
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_registered_user_is_refused_over_FTP_until_confirmed_then_uploads_and_downloads_the_exact_bytes()
    {
        string email = NewEmail("alice");
        await IdentityPages.RegisterAsync(Page, email, Password);
        await app.RunAppCommandAsync("createftpuseraccount", email, SampleAppFixture.GroupName);

        Assert.Equal(530, await FtpLoginCodeAsync(email, Password));

        await IdentityPages.ConfirmAccountAsync(Page);

        byte[] content = RandomNumberGenerator.GetBytes(200_000);
        content[0] = (byte)'\r';
        content[1] = (byte)'\n';
        string local = Path.Combine(Path.GetTempPath(), "aspnetftp-sample-" + Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllBytesAsync(local + ".up", content);
            CommandResult upload = await Curl.FtpAsync(app.FtpPort, email, Password, "report.bin", "--upload-file", local + ".up");
            Assert.True(upload.Succeeded, upload.Describe());
            CommandResult download = await Curl.FtpAsync(app.FtpPort, email, Password, "report.bin", "--output", local + ".down");
            Assert.True(download.Succeeded, download.Describe());
            Assert.Equal(content, await File.ReadAllBytesAsync(local + ".down"));
        }
        finally
        {
            File.Delete(local + ".up");
            File.Delete(local + ".down");
        }
    }

    [Fact]
    public async Task A_password_changed_on_the_web_page_ends_the_old_password_over_FTP_at_once()
    {
        string email = NewEmail("bob");
        const string newPassword = "Changed-Passw0rd!";
        await IdentityPages.RegisterAsync(Page, email, Password);
        await IdentityPages.ConfirmAccountAsync(Page);
        await app.RunAppCommandAsync("createftpuseraccount", email, SampleAppFixture.GroupName);
        // A verified login first, so the credential cache holds the old password when it changes.
        CommandResult before = await Curl.FtpAsync(app.FtpPort, email, Password, "", "--list-only");
        Assert.True(before.Succeeded, before.Describe());

        Assert.True(await IdentityPages.LogInAsync(Page, email, Password), "The web login with the registered password failed.");
        await IdentityPages.ChangePasswordAsync(Page, Password, newPassword);

        Assert.Equal(530, await FtpLoginCodeAsync(email, Password));
        Assert.Equal(230, await FtpLoginCodeAsync(email, newPassword));
    }

    [Fact]
    public async Task Wrong_FTP_passwords_of_a_user_without_an_FTP_account_never_lock_the_web_login()
    {
        string email = NewEmail("carol");
        await IdentityPages.RegisterAsync(Page, email, Password);
        await IdentityPages.ConfirmAccountAsync(Page);

        for (int attempt = 0; attempt < IdentityLockoutThreshold + 2; attempt++)
        {
            Assert.Equal(530, await FtpLoginCodeAsync(email, "wrong-" + attempt));
        }

        Assert.True(await IdentityPages.LogInAsync(Page, email, Password), $"The web login failed after FTP failures; the page: {Page.Url}\n{await Page.ContentAsync()}");
    }

    [Fact]
    public async Task The_mounted_admin_sends_a_visitor_to_its_sign_in_and_lets_in_a_user_of_the_Administrator_role()
    {
        string email = NewEmail("dave");
        await IdentityPages.RegisterAsync(Page, email, Password);
        await IdentityPages.ConfirmAccountAsync(Page);
        // The app's own command, as its README shows: the role is created on this database by the first grant.
        CommandResult grant = await app.RunAppCommandAsync("grantftpadmin", email);
        Assert.Contains($"Gave '{email}' the role 'Administrator'", grant.StdOut, StringComparison.Ordinal);

        await Page.GotoAsync("/admin");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login\\?returnUrl=%2Fadmin$", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

        await Page.FillAsync("input[name='UserName']", email);
        await Page.FillAsync("input[name='Password']", Password);
        await Page.ClickAsync("#sign-in");

        await Assertions.Expect(Page).ToHaveURLAsync(app.BaseUrl + "/admin");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(Page.Locator(".who")).ToHaveTextAsync("Signed in as " + email);
        IAPIResponse health = await Page.APIRequest.GetAsync("/healthz");
        Assert.Equal(200, health.Status);
        Assert.Equal("Healthy", await health.TextAsync());
    }

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@example.com";

    /// <summary>USER and PASS on a new control connection: the reply code to PASS.</summary>
    private async Task<int> FtpLoginCodeAsync(string user, string password)
    {
        await using RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", app.FtpPort, log: output);
        Assert.Equal(220, client.Greeting.Code);
        FtpReply reply = await client.AttemptLoginAsync(user, password);
        return reply.Code;
    }
}
