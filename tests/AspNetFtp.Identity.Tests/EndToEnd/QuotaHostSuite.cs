using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>
/// Quotas kept on the account row, through the real host on each provider: limits set with <c>setftplimits</c>,
/// curl refused with 552 past the quota while the server goes on serving, the usage kept by the database's own
/// addition and counted again by <c>recountftpusage</c>.
/// </summary>
public abstract class QuotaHostSuite(DatabaseFixture fixture, ITestOutputHelper output)
{
    private Dictionary<string, string> Environment => HostProcess.Environment(fixture.HostEnvironment());

    private async Task<ProcessResult> VerbAsync(params string[] arguments)
    {
        ProcessResult result = await HostProcess.RunVerbAsync(Environment, fixture.Directory, arguments, null);
        output.WriteLine($"$ {string.Join(' ', arguments)} -> {result.ExitCode}\n{result.StdOut.TrimEnd()}{(result.StdErr.Length > 0 ? "\n[stderr] " + result.StdErr.TrimEnd() : "")}");
        return result;
    }

    [ProviderFact]
    public async Task Setftplimits_refuses_a_bad_value_naming_it_and_a_quota_it_sets_holds_against_curl_with_552()
    {
        string user = Scratch.Name("quota");
        string group = Scratch.Name("quotas");
        Assert.True((await HostProcess.RunVerbAsync(Environment, fixture.Directory, ["createuser", user, "--password-stdin"], TestAccounts.Password + "\n")).Succeeded);
        Assert.True((await VerbAsync("createftpusergroup", group)).Succeeded);
        Assert.True((await VerbAsync("createftpuseraccount", user, group)).Succeeded);

        ProcessResult bad = await VerbAsync("setftplimits", "--group", group, "--quota-bytes", "12X");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--quota-bytes '12X'", bad.StdErr, StringComparison.Ordinal);
        ProcessResult both = await VerbAsync("setftplimits", "--group", group, "--user", user, "--quota-bytes", "1K");
        Assert.Equal(1, both.ExitCode);
        ProcessResult mode = await VerbAsync("setftplimits", "--user", user, "--upload-mode", "atomic");
        Assert.Equal(1, mode.ExitCode);
        Assert.Contains("upload mode is set per group", mode.StdErr, StringComparison.Ordinal);

        ProcessResult set = await VerbAsync("setftplimits", "--group", group, "--quota-bytes", "1K", "--quota-files", "5", "--upload-mode", "standard");
        Assert.True(set.Succeeded, set.ToString());
        Assert.Contains("quota 1024 bytes, 5 files", set.StdOut, StringComparison.Ordinal);

        string big = Path.Combine(fixture.Directory, "big-" + Guid.NewGuid().ToString("N")[..8] + ".bin");
        await File.WriteAllBytesAsync(big, new byte[4096]);
        string small = Path.Combine(fixture.Directory, "small-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        await File.WriteAllTextAsync(small, new string('s', 100));
        string home = Path.Combine(fixture.RootDirectory, user);

        await using HostProcess host = await HostProcess.StartAsync(Environment, fixture.Directory);
        string url = $"ftp://127.0.0.1:{host.Port}/";
        try
        {
            ProcessResult refused = await ProcessRunner.CurlAsync("--user", $"{user}:{TestAccounts.Password}", "-T", big, url);
            // curl turns 552 into its "remote disk full" exit code 70, with RFC 959's words for 552.
            Assert.True(refused.ExitCode == 70, "expected curl's exit code 70 for a 552 reply\n" + refused);
            Assert.Contains("Exceeded storage allocation", refused.StdErr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(home, Path.GetFileName(big))));

            ProcessResult stored = await ProcessRunner.CurlAsync("--user", $"{user}:{TestAccounts.Password}", "-T", small, url);
            Assert.True(stored.Succeeded, stored.ToString());
            Assert.Equal(100, new FileInfo(Path.Combine(home, Path.GetFileName(small))).Length);

            // The usage is on the account row, counted at the first login with a quota and kept by the upload.
            var account = await fixture.Services.FindAccountAsync(user) ?? throw new InvalidOperationException("No account.");
            Assert.Equal((100L, 1L), (account.UsedBytes, account.UsedFiles));
            Assert.NotNull(account.UsageCountedUtc);
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }

        // A file put there behind the server's back is found by the recount.
        await File.WriteAllBytesAsync(Path.Combine(home, "outside.bin"), new byte[300]);
        ProcessResult recount = await VerbAsync("recountftpusage", user);
        Assert.True(recount.Succeeded, recount.ToString());
        Assert.Contains($"'{user}': 400 bytes (400 B) in 2 files.", recount.StdOut, StringComparison.Ordinal);
        ProcessResult neither = await VerbAsync("recountftpusage");
        Assert.Equal(1, neither.ExitCode);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteQuotaHostTests(SqliteFixture fixture, ITestOutputHelper output) : QuotaHostSuite(fixture, output), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlQuotaHostTests(PostgreSqlFixture fixture, ITestOutputHelper output) : QuotaHostSuite(fixture, output), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlQuotaHostTests(MySqlFixture fixture, ITestOutputHelper output) : QuotaHostSuite(fixture, output), IClassFixture<MySqlFixture>;
