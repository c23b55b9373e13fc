using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>
/// Issue 11 through the real host on each provider: a group put on a <c>Kind: Local</c> storage profile with
/// <c>createftpusergroup --storage</c> has its users' uploads land under the profile's root, not in their home
/// directories; <c>editftpusergroup --storage default</c> sends the next login's files back home. The host's verbs
/// refuse a profile that the server does not have, naming it and the configured one.
/// </summary>
public abstract class StorageProfileHostSuite(DatabaseFixture fixture, ITestOutputHelper output)
{
    private readonly string _shared = Path.Combine(fixture.Directory, "shared-" + Guid.NewGuid().ToString("N")[..8]);

    private Dictionary<string, string> Environment
    {
        get
        {
            Dictionary<string, string> environment = HostProcess.Environment(fixture.HostEnvironment());
            environment["FtpServer__Storage__Profiles__shared__Kind"] = "Local";
            environment["FtpServer__Storage__Profiles__shared__Root"] = _shared + "/{username}";
            return environment;
        }
    }

    private async Task<ProcessResult> VerbAsync(params string[] arguments)
    {
        ProcessResult result = await HostProcess.RunVerbAsync(Environment, fixture.Directory, arguments, null);
        output.WriteLine($"$ {string.Join(' ', arguments)} -> {result.ExitCode}\n{result.StdOut.TrimEnd()}{(result.StdErr.Length > 0 ? "\n[stderr] " + result.StdErr.TrimEnd() : "")}");
        return result;
    }

    [ProviderFact]
    public async Task A_group_on_a_local_profile_stores_its_users_uploads_under_the_profile_root_and_default_sends_the_next_login_home()
    {
        Directory.CreateDirectory(_shared);
        string user = Scratch.Name("st");
        string group = Scratch.Name("stg");
        Assert.True((await HostProcess.RunVerbAsync(Environment, fixture.Directory, ["createuser", user, "--password-stdin"], TestAccounts.Password + "\n")).Succeeded);

        ProcessResult refused = await VerbAsync("createftpusergroup", group, "--storage", "tape");
        Assert.Equal((1, ""), (refused.ExitCode, refused.StdOut));
        Assert.Equal(
            "error: storage profile 'tape' is not a configured profile (configured: shared; FtpServer:Storage:Profiles); 'default' clears it",
            refused.StdErr.TrimEnd());
        Assert.True((await VerbAsync("createftpusergroup", group, "--storage", "shared")).Succeeded);
        Assert.True((await VerbAsync("createftpuseraccount", user, group)).Succeeded);

        string home = Path.Combine(fixture.RootDirectory, user);
        string onProfile = Path.Combine(_shared, user);
        string first = Path.Combine(fixture.Directory, "first-" + user + ".txt");
        string second = Path.Combine(fixture.Directory, "second-" + user + ".txt");
        await File.WriteAllTextAsync(first, "on the profile\n");
        await File.WriteAllTextAsync(second, "back home\n");

        await using HostProcess host = await HostProcess.StartAsync(Environment, fixture.Directory);
        string url = $"ftp://127.0.0.1:{host.Port}/";
        try
        {
            ProcessResult stored = await ProcessRunner.CurlAsync("--user", $"{user}:{TestAccounts.Password}", "-T", first, url);
            Assert.True(stored.Succeeded, stored.ToString());
            Assert.Equal("on the profile\n", await File.ReadAllTextAsync(Path.Combine(onProfile, Path.GetFileName(first))));
            Assert.False(File.Exists(Path.Combine(home, Path.GetFileName(first))));

            Assert.True((await VerbAsync("editftpusergroup", group, "--storage", "default")).Succeeded);

            stored = await ProcessRunner.CurlAsync("--user", $"{user}:{TestAccounts.Password}", "-T", second, url);
            Assert.True(stored.Succeeded, stored.ToString());
            Assert.Equal("back home\n", await File.ReadAllTextAsync(Path.Combine(home, Path.GetFileName(second))));
            Assert.False(File.Exists(Path.Combine(onProfile, Path.GetFileName(second))));
            Assert.False(File.Exists(Path.Combine(home, Path.GetFileName(first))));
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteStorageProfileHostTests(SqliteFixture fixture, ITestOutputHelper output) : StorageProfileHostSuite(fixture, output), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlStorageProfileHostTests(PostgreSqlFixture fixture, ITestOutputHelper output) : StorageProfileHostSuite(fixture, output), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlStorageProfileHostTests(MySqlFixture fixture, ITestOutputHelper output) : StorageProfileHostSuite(fixture, output), IClassFixture<MySqlFixture>;
