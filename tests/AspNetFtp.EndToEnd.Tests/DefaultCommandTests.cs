using System.Net;
using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// The host without a verb: FTP and the web admin in one process, the admin's URL printed with the first
/// administrator, who can sign in to it (the role given at creation).
/// </summary>
public sealed partial class DefaultCommandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_a_verb_the_host_serves_FTP_and_the_web_admin_and_the_printed_administrator_signs_in_to_it()
    {
        string scratch = TestRun.NewDirectory("default-command");
        string data = Path.Combine(scratch, "data");
        Dictionary<string, string> environment = HostStartAttempt.IdentityEnvironment(data);
        environment["FtpServer__Host"] = "127.0.0.1";
        environment["FtpServer__Port"] = "0";
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        await using HostStartAttempt host = await HostStartAttempt.StartAsync(output, environment, scratch);

        Assert.True(await host.WaitForOutputAsync("Press Ctrl+C to stop.", ServeTimeout), host.Output);
        Match admin = AdminLine().Match(host.Output);
        Assert.True(admin.Success, host.Output);
        string url = admin.Groups["url"].Value;
        Assert.Contains($"  Web admin: {url} (sign in as 'admin' with that password)", host.Output, StringComparison.Ordinal);
        string password = (await File.ReadAllTextAsync(Path.Combine(data, "first-administrator-password"))).Trim();

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        string login = await http.GetStringAsync(url + "/login");
        string token = AntiforgeryField().Match(login).Groups["token"].Value;
        Assert.NotEqual("", token);
        using HttpResponseMessage signIn = await http.PostAsync(url + "/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin",
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        string sessions = await http.GetStringAsync(url + "/sessions");
        Assert.Contains("<h1>Live sessions</h1>", sessions, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^out\| Web admin: (?<url>http://127\.0\.0\.1:\d+/admin)$", RegexOptions.Multiline)]
    private static partial Regex AdminLine();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
