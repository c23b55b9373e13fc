using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>
/// The host with Identity accounts, set up with the access verbs only: an account allowed from 127.0.0.1 logs in with
/// curl from there and is refused from 127.0.0.2 with curl's ordinary "login denied"; a group's drop box takes an
/// upload and refuses the listing; bad values exit 1 naming them.
/// </summary>
public abstract class AccessRulesHostSuite(DatabaseFixture fixture, ITestOutputHelper output)
{
    // curl's exit codes (man curl): 67 "the user name, password, or similar was not accepted", 19 "couldn't download/access the given file".
    private const int CurlLoginDenied = 67;
    private const int CurlCouldNotRetrieve = 19;

    private Dictionary<string, string> Environment => HostProcess.Environment(fixture.HostEnvironment());

    private async Task<ProcessResult> VerbAsync(params string[] arguments)
    {
        ProcessResult result = await HostProcess.RunVerbAsync(Environment, fixture.Directory, arguments, standardInput: null);
        output.WriteLine($"$ {string.Join(' ', arguments)} -> {result.ExitCode}\n{result.StdOut.TrimEnd()}{(result.StdErr.Length > 0 ? "\n[stderr] " + result.StdErr.TrimEnd() : "")}");
        Assert.False(result.TimedOut, result.ToString());
        return result;
    }

    private async Task FailsAsync(string problem, params string[] arguments)
    {
        ProcessResult result = await VerbAsync(arguments);
        Assert.True(result.ExitCode == 1, "expected exit code 1\n" + result);
        Assert.Contains(problem, result.StdErr, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task An_account_allowed_from_one_address_logs_in_with_curl_from_there_and_is_refused_from_another()
    {
        SeededAccount seeded = await fixture.Services.SeedAsync();
        Directory.CreateDirectory(Path.Combine(fixture.RootDirectory, seeded.UserName, "drop"));
        Assert.Equal(0, (await VerbAsync("setftpaccessrules", "--user", seeded.UserName, "--allow", "127.0.0.1", "--expires", "2099-01-01")).ExitCode);
        Assert.Equal(0, (await VerbAsync("addftpdirectoryrule", "--group", seeded.GroupName, "/drop", "ew")).ExitCode);
        ProcessResult shown = await VerbAsync("listftpaccessrules", "--user", seeded.UserName);
        Assert.Contains("allowed addresses: 127.0.0.1", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains("expires (UTC):     2099-01-01 00:00:00", shown.StdOut, StringComparison.Ordinal);
        string upload = Path.Combine(fixture.Directory, "drop-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        await File.WriteAllTextAsync(upload, "dropped by curl\n");

        await using HostProcess host = await HostProcess.StartAsync(Environment, fixture.Directory);
        string url = $"ftp://127.0.0.1:{host.Port}/";
        string credentials = $"{seeded.UserName}:{seeded.Password}";
        try
        {
            ProcessResult foreign = await ProcessRunner.CurlAsync("--interface", "127.0.0.2", "--user", credentials, "--list-only", url);
            ProcessResult home = await ProcessRunner.CurlAsync("--interface", "127.0.0.1", "--user", credentials, "--list-only", url);
            ProcessResult drop = await ProcessRunner.CurlAsync("--user", credentials, "-T", upload, url + "drop/");
            ProcessResult listDrop = await ProcessRunner.CurlAsync("--user", credentials, url + "drop/");

            Assert.True(foreign.ExitCode == CurlLoginDenied, foreign.ToString());
            Assert.True(home.Succeeded, home.ToString());
            Assert.Contains("drop", home.StdOut, StringComparison.Ordinal);
            Assert.True(drop.Succeeded, drop.ToString());
            Assert.Equal("dropped by curl\n", await File.ReadAllTextAsync(Path.Combine(fixture.RootDirectory, seeded.UserName, "drop", Path.GetFileName(upload))));
            Assert.True(listDrop.ExitCode == CurlCouldNotRetrieve, listDrop.ToString());
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
    }

    [ProviderFact]
    public async Task The_access_verbs_refuse_bad_values_with_exit_code_1_naming_them()
    {
        SeededAccount seeded = await fixture.Services.SeedAsync();

        await FailsAsync("'10.0.0.1/8'", "setftpaccessrules", "--group", seeded.GroupName, "--allow", "10.0.0.1/8");
        await FailsAsync("'300.1.2.3'", "setftpaccessrules", "--user", seeded.UserName, "--deny", "300.1.2.3");
        await FailsAsync("expiry 'tomorrow'", "setftpaccessrules", "--user", seeded.UserName, "--expires", "tomorrow");
        await FailsAsync("belongs to an account", "setftpaccessrules", "--group", seeded.GroupName, "--expires", "2099-01-01");
        await FailsAsync("exactly one of --group NAME and --user NAME", "addftpdirectoryrule", "/x", "elr");
        await FailsAsync("'incoming'", "addftpdirectoryrule", "--group", seeded.GroupName, "incoming", "elr");
        await FailsAsync("'q'", "addftpdirectoryrule", "--user", seeded.UserName, "/in", "elq");
        await FailsAsync("has no directory rule for '/nothing'", "removeftpdirectoryrule", "--group", seeded.GroupName, "/nothing");
        await FailsAsync("does not exist", "listftpaccessrules", "--group", Scratch.Name("ghost"));
        Assert.Equal(0, (await VerbAsync("addftpdirectoryrule", "--user", seeded.UserName, "/in/", "")).ExitCode);
        Assert.Equal(0, (await VerbAsync("removeftpdirectoryrule", "--user", seeded.UserName, "/in")).ExitCode);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAccessRulesHostTests(SqliteHostFixture fixture, ITestOutputHelper output) : AccessRulesHostSuite(fixture, output), IClassFixture<SqliteHostFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAccessRulesHostTests(PostgreSqlHostFixture fixture, ITestOutputHelper output) : AccessRulesHostSuite(fixture, output), IClassFixture<PostgreSqlHostFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAccessRulesHostTests(MySqlHostFixture fixture, ITestOutputHelper output) : AccessRulesHostSuite(fixture, output), IClassFixture<MySqlHostFixture>;
