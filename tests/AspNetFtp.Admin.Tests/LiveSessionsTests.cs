using System.Net;
using System.Net.Sockets;
using AspNetFtp.Admin.Areas.FtpAdmin.Pages;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.Audit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// Live sessions: FTP sessions appear on the open page without a reload (the page's script), with their user, address
/// and running transfer; client text stays text; Disconnect ends a session with 421.
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed class LiveSessionsTests(AdminApp app) : IAsyncLifetime
{
    /// <summary>The foreign client address: the session is told apart from every other by it.</summary>
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    private IPage? _page;

    private IPage Page => _page ?? throw new InvalidOperationException("No page.");

    public async Task InitializeAsync()
    {
        _page = await app.NewPageAsync();
        await AdminPages.SignInAsync(Page, AdminApp.AdministratorName, AdminApp.Password);
        await Expect(Page).ToHaveURLAsync(app.BaseUrl + "/admin");
        await Page.GotoAsync("/admin/sessions");
        // Set once on this document: still there later proves the rows came without a reload.
        await Page.EvaluateAsync("() => { window.loadedOnce = 'same document'; }");
    }

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_logged_in_FTP_session_appears_live_with_its_user_and_address_and_Disconnect_ends_it_with_421()
    {
        await using RawFtpClient client = await app.ConnectFtpAsync(ClientAddress);
        await client.LoginAsync(AdminApp.FtpUserName, AdminApp.Password);
        ILocator row = SessionRow(client);

        await Expect(row.Locator("td.user")).ToHaveTextAsync(AdminApp.FtpUserName);
        string id = await row.GetAttributeAsync("data-session") ?? throw new InvalidOperationException("No session id.");
        await Expect(row.Locator("td.tls")).ToHaveTextAsync("no");
        await Expect(row.Locator("td.command")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^PASS at \\d\\d:\\d\\d:\\d\\d UTC$"));
        Assert.Equal("same document", await Page.EvaluateAsync<string>("() => window.loadedOnce"));

        await row.Locator("button", new LocatorLocatorOptions { HasTextString = "Disconnect" }).ClickAsync();

        await Expect(Page.Locator("#notice")).ToHaveTextAsync(SessionsModel.EndedMessage);
        FtpAuditEntry disconnected = Assert.Single(await app.AuditAsync(SessionsModel.DisconnectedKind, AdminApp.FtpUserName),
            e => e.RemoteAddress == ClientAddress.ToString() && e.Detail == $"session {id} on node {Environment.MachineName}");
        Assert.Equal(AdminApp.AdministratorName, disconnected.Actor);
        FtpReply reply = await client.ReadReplyAsync();
        Assert.Equal(421, reply.Code);
        Assert.True(await client.IsClosedByServerAsync(), "The control connection stayed open after the 421.");
        await Expect(SessionRow(client)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_running_upload_shows_its_path_direction_and_bytes_and_a_path_that_looks_like_HTML_stays_text()
    {
        // No slash (it would be a directory): an element opened and never closed is still an element to innerHTML.
        const string fileName = "<b id=injected>report.bin";
        // The engine writes an upload in chunks of at least 128 KiB (ChunkReader.FillTarget): exactly one chunk, all counted.
        byte[] content = new byte[128 * 1024];
        await using RawFtpClient client = await app.ConnectFtpAsync(ClientAddress);
        await client.LoginAsync(AdminApp.FtpUserName, AdminApp.Password);
        await client.ExpectAsync("TYPE I", 200);
        // From the control connection's address: the server refuses a data connection from any other.
        using Socket data = await RawFtpClient.ConnectSocketAsync(await client.PassiveAsync(), ClientAddress);
        await client.ExpectAsync("STOR " + fileName, 150);
        // Sent, and the data connection left open: the transfer stays running while the page is checked.
        await data.SendAsync(content.AsMemory(), SocketFlags.None, CancellationToken.None);
        ILocator transfer = SessionRow(client).Locator("td.transfer");

        await Expect(transfer.Locator(".direction")).ToHaveTextAsync("upload");
        await Expect(transfer.Locator(".path")).ToHaveTextAsync("/" + fileName);
        await Expect(transfer.Locator(".bytes")).ToHaveTextAsync("128.0 KiB");
        Assert.Equal(0, await Page.Locator("#injected").CountAsync());
        Assert.Equal("same document", await Page.EvaluateAsync<string>("() => window.loadedOnce"));
        await Screenshots.SaveAsync(Page, "live-sessions-transfer");

        data.Shutdown(SocketShutdown.Send);
        data.Close();
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        await Expect(transfer.Locator(".idle")).ToHaveTextAsync("idle");
    }

    [Fact]
    public async Task A_disconnect_posted_without_the_antiforgery_token_is_refused_and_the_session_lives_on()
    {
        await using RawFtpClient client = await app.ConnectFtpAsync(ClientAddress);
        await client.LoginAsync(AdminApp.FtpUserName, AdminApp.Password);
        string id = await SessionRow(client).GetAttributeAsync("data-session") ?? throw new InvalidOperationException("No session id.");

        // The administrator's own cookie, as a forged form on another site would send it, but no token.
        IAPIResponse forged = await Page.APIRequest.PostAsync("/admin/sessions?handler=Disconnect", new APIRequestContextOptions
        {
            Form = Page.APIRequest.CreateFormData().Set("id", id),
            MaxRedirects = 0,
        });

        Assert.Equal(400, forged.Status);
        await client.ExpectAsync("NOOP", 200);
    }

    private ILocator SessionRow(RawFtpClient client) =>
        Page.Locator("tr[data-session]", new PageLocatorOptions
        {
            Has = Page.Locator("td.remote", new PageLocatorOptions
            {
                HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(client.LocalEndPoint.ToString()) + "$"),
            }),
        });
}
