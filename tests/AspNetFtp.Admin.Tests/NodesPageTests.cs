using System.Net;
using AspNetFtp.Admin.Areas.FtpAdmin.Pages;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.Audit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// Several nodes in the admin: a second FTP node on the app's database shows on the Nodes page beside the app's own,
/// its sessions show on the Sessions page with their node, and Disconnect ends one there (the client gets 421).
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed class NodesPageTests(AdminApp app) : SignedInAdminTest(app)
{
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task The_Nodes_page_lists_the_app_node_and_a_second_node_as_alive_with_its_endpoint_and_passive_range()
    {
        await using OtherNode other = await OtherNode.StartAsync(App, "second-" + Guid.NewGuid().ToString("N")[..6]);

        await Page.GotoAsync("/admin/nodes");

        ILocator row = Page.Locator($"tr[data-node='{other.Name}']");
        await Expect(row.Locator("td.state")).ToHaveTextAsync("alive");
        await Expect(row.Locator("td.endpoints")).ToHaveTextAsync(other.EndPoint.ToString());
        await Expect(row.Locator("td.passive")).ToHaveTextAsync("16100-16120");
        await Expect(row.Locator("td.masquerade")).ToHaveTextAsync("127.0.0.1");
        await Expect(Page.Locator($"tr[data-node='{Environment.MachineName}'] td.name")).ToHaveTextAsync(Environment.MachineName + " (this node)");
        await Screenshots.SaveAsync(Page, "nodes");
    }

    [Fact]
    public async Task A_session_of_the_second_node_shows_with_its_node_and_Disconnect_ends_it_with_421()
    {
        await using OtherNode other = await OtherNode.StartAsync(App, "second-" + Guid.NewGuid().ToString("N")[..6]);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(other.EndPoint.Address.ToString(), other.EndPoint.Port, ClientAddress);
        await client.LoginAsync(AdminApp.FtpUserName, AdminApp.Password);
        await Page.GotoAsync("/admin/sessions");
        ILocator row = Page.Locator("tr[data-session]", new PageLocatorOptions
        {
            Has = Page.Locator("td.remote", new PageLocatorOptions { HasTextString = client.LocalEndPoint.ToString() }),
        });

        await Expect(row.Locator("td.node")).ToHaveTextAsync(other.Name);
        string id = await row.GetAttributeAsync("data-session") ?? throw new InvalidOperationException("No session id.");
        await row.Locator("button", new LocatorLocatorOptions { HasTextString = "Disconnect" }).ClickAsync();

        // The Disconnect POST waits for the other node's answer up to two of the app's heartbeat intervals and a second
        // (5 s here), longer than an assertion's default 5 s; on a loaded machine the answer comes late in that window.
        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"The session was disconnected by node {other.Name}.",
            new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        (bool closed, List<FtpReply> replies) = await client.WaitForCloseAsync(TimeSpan.FromSeconds(10));
        Assert.True(closed, "The control connection stayed open.");
        Assert.Equal(421, Assert.Single(replies).Code);
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(SessionsModel.DisconnectedKind, AdminApp.FtpUserName),
            e => e.Detail == $"session {id} on node {other.Name}");
        Assert.Equal(AdminApp.AdministratorName, entry.Actor);
    }

    [Fact]
    public async Task A_session_of_the_second_node_that_came_through_a_proxy_shows_the_proxys_address()
    {
        await using OtherNode other = await OtherNode.StartAsync(App, "proxied-" + Guid.NewGuid().ToString("N")[..6], behindProxy: true);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(other.EndPoint, IPAddress.Loopback);
        await client.SendRawAsync(System.Text.Encoding.ASCII.GetBytes($"PROXY TCP4 198.51.100.7 127.0.0.1 40000 {other.EndPoint.Port}\r\n"));
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await client.LoginAsync(AdminApp.FtpUserName, AdminApp.Password);

        await Page.GotoAsync("/admin/sessions");

        ILocator row = Page.Locator($"tr[data-node='{other.Name}']");
        await Expect(row.Locator("td.remote")).ToHaveTextAsync($"198.51.100.7:40000 via {client.LocalEndPoint}");
    }
}
