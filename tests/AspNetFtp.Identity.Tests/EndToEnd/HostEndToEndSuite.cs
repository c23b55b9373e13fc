using System.Text.Json;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>
/// The real host process on each provider (<c>Database__Provider</c>, <c>Database__ConnectionString</c>,
/// <c>FtpServer__Accounts=Identity</c>): accounts made with the CLI verbs, logins with curl and Python's ftplib.
/// </summary>
public abstract class HostEndToEndSuite(DatabaseFixture fixture, ITestOutputHelper output)
{
    private Dictionary<string, string> Environment => HostProcess.Environment(fixture.HostEnvironment());

    private async Task<ProcessResult> VerbAsync(string[] arguments, string? standardInput = null)
    {
        ProcessResult result = await HostProcess.RunVerbAsync(Environment, fixture.Directory, arguments, standardInput);
        output.WriteLine($"$ {string.Join(' ', arguments)} -> {result.ExitCode}\n{result.StdOut.TrimEnd()}{(result.StdErr.Length > 0 ? "\n[stderr] " + result.StdErr.TrimEnd() : "")}");
        return result;
    }

    private async Task SucceedsAsync(string[] arguments, string? standardInput = null, string? stdoutContains = null)
    {
        ProcessResult result = await VerbAsync(arguments, standardInput);
        Assert.True(result.Succeeded, result.ToString());
        if (stdoutContains is not null)
        {
            Assert.Contains(stdoutContains, result.StdOut, StringComparison.Ordinal);
        }
    }

    private async Task FailsAsync(string[] arguments, string problem, string? standardInput = null)
    {
        ProcessResult result = await VerbAsync(arguments, standardInput);
        Assert.False(result.TimedOut, result.ToString());
        Assert.True(result.ExitCode == 1, "expected exit code 1 (a refused account operation)\n" + result);
        Assert.Contains(problem, result.StdErr, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task Every_CLI_verb_succeeds_or_fails_with_exit_code_1_naming_the_problem()
    {
        string user = Scratch.Name("alice");
        string other = Scratch.Name("bob");
        string group = Scratch.Name("staff");
        string ghost = Scratch.Name("nobody");
        string noGroup = Scratch.Name("nogroup");

        await SucceedsAsync(["migrate"], stdoutContains: "up to date");

        await SucceedsAsync(["createuser", user, "--email", "a@example.org", "--password-stdin"], TestAccounts.Password + "\n", $"Created user '{user}'");
        await FailsAsync(["createuser", user, "--password-stdin"], "already exists", TestAccounts.Password + "\n");
        await FailsAsync(["createuser", other, "--password-stdin"], "Passwords must", "short\n");
        await FailsAsync(["createuser", other, "--password-stdin"], "--password-stdin", "");
        ProcessResult generated = await VerbAsync(["createuser", other]);
        Assert.True(generated.Succeeded, generated.ToString());
        Assert.Matches("with the password \\S+ \\(shown only this once\\)", generated.StdOut);

        await SucceedsAsync(["createftpusergroup", group, "--permission", "elr"], stdoutContains: "permissions elr");
        await FailsAsync(["createftpusergroup", group], "already exists");
        await FailsAsync(["createftpusergroup", Scratch.Name("bad"), "--permission", "elrq"], "elrq");

        await SucceedsAsync(["createftpuseraccount", user, group]);
        await FailsAsync(["createftpuseraccount", ghost, group], $"user '{ghost}' does not exist");
        await FailsAsync(["createftpuseraccount", other, noGroup], $"group '{noGroup}' does not exist");
        await FailsAsync(["createftpuseraccount", user, group], "already has an FTP account");

        await SucceedsAsync(["listftpusergroup"], stdoutContains: group);
        ProcessResult accounts = await VerbAsync(["listftpuseraccount"]);
        Assert.True(accounts.Succeeded, accounts.ToString());
        Assert.Contains(accounts.StdOut.Split('\n'), line => line.StartsWith(user + " ", StringComparison.Ordinal) && line.Contains(group, StringComparison.Ordinal));
        Assert.DoesNotContain(accounts.StdOut.Split('\n'), line => line.StartsWith(other + " ", StringComparison.Ordinal));

        ProcessResult appPassword = await VerbAsync(["createapppassword", user, "scanner"]);
        Assert.True(appPassword.Succeeded, appPassword.ToString());
        Assert.Matches(": ftp-[1-9][0-9]*-[a-z2-9]{4}(-[a-z2-9]{4}){5}\n", appPassword.StdOut);
        await FailsAsync(["createapppassword", user, "scanner"], "already has an app password named 'scanner'");
        await FailsAsync(["createapppassword", other, "scanner"], $"user '{other}' has no FTP account");
        await SucceedsAsync(["deleteapppassword", user, "scanner"], stdoutContains: "Revoked");
        await FailsAsync(["deleteapppassword", user, "scanner"], "no app password named 'scanner'");

        // The web admin's role: created on this database by the first grant, which names the user.
        await SucceedsAsync(["grantftpadmin", user], stdoutContains: $"Gave '{user}' the role 'Administrator'");
        await SucceedsAsync(["grantftpadmin", user], stdoutContains: $"'{user}' already has the role 'Administrator'");
        await FailsAsync(["grantftpadmin", ghost], $"user '{ghost}' does not exist");
        await SucceedsAsync(["revokeftpadmin", user], stdoutContains: $"Took the role 'Administrator' from '{user}'");
        await SucceedsAsync(["editftpusergroup", group, "--permissions", "elrw", "--home", "/srv/{username}"], stdoutContains: "permissions elrw, home /srv/{username}");
        await FailsAsync(["editftpusergroup", group, "--permissions", "elrq"], "elrq");
        await SucceedsAsync(["editftpuseraccount", user, "--home", "/home/{username}"], stdoutContains: "home /home/{username}");
        await FailsAsync(["editftpuseraccount", user, "--group", noGroup], $"group '{noGroup}' does not exist");

        await FailsAsync(["deleteftpusergroup", group], "still has 1 account");
        await FailsAsync(["deleteftpuseraccount", ghost], $"user '{ghost}' has no FTP account");
        await SucceedsAsync(["deleteftpuseraccount", user]);
        await SucceedsAsync(["deleteftpusergroup", group]);
        await FailsAsync(["deleteftpusergroup", group], "does not exist");
    }

    [ProviderFact]
    public async Task Accounts_made_with_the_CLI_log_in_with_curl_and_ftplib_and_group_letters_are_enforced()
    {
        string writer = Scratch.Name("writer");
        string reader = Scratch.Name("reader");
        string writers = Scratch.Name("writers");
        string readers = Scratch.Name("readers");
        string homes = Path.Combine(fixture.Directory, "homes");
        await SucceedsAsync(["createuser", writer, "--password-stdin"], TestAccounts.Password + "\n");
        await SucceedsAsync(["createuser", reader, "--password-stdin"], TestAccounts.Password + "\n");
        await SucceedsAsync(["createftpusergroup", writers, Path.Combine(homes, "{username}")]);
        await SucceedsAsync(["createftpusergroup", readers, "--permission", "elr"]);
        await SucceedsAsync(["createftpuseraccount", writer, writers]);
        await SucceedsAsync(["createftpuseraccount", reader, readers]);
        string readerHome = Directory.CreateDirectory(Path.Combine(fixture.RootDirectory, reader)).FullName;
        await File.WriteAllTextAsync(Path.Combine(readerHome, "hello.txt"), "hello from the reader's home\n");
        string upload = Path.Combine(fixture.Directory, "upload-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        await File.WriteAllTextAsync(upload, "uploaded by curl\n");

        await using HostProcess host = await HostProcess.StartAsync(Environment, fixture.Directory);
        string url = $"ftp://127.0.0.1:{host.Port}/";
        try
        {
            // curl: the writer (group elradfmw, group home {username} replaced) uploads and lists.
            ProcessResult put = await ProcessRunner.CurlAsync("--user", $"{writer}:{TestAccounts.Password}", "-T", upload, url);
            Assert.True(put.Succeeded, put.ToString());
            Assert.Equal("uploaded by curl\n", await File.ReadAllTextAsync(Path.Combine(homes, writer, Path.GetFileName(upload))));
            ProcessResult list = await ProcessRunner.CurlAsync("--user", $"{writer}:{TestAccounts.Password}", "--list-only", url);
            Assert.True(list.Succeeded, list.ToString());
            Assert.Contains(Path.GetFileName(upload), list.StdOut, StringComparison.Ordinal);

            // curl: the reader (group elr, home <root>/{username}) downloads but may not upload.
            ProcessResult get = await ProcessRunner.CurlAsync("--user", $"{reader}:{TestAccounts.Password}", url + "hello.txt");
            Assert.True(get.Succeeded, get.ToString());
            Assert.Equal("hello from the reader's home\n", get.StdOut);
            ProcessResult refused = await ProcessRunner.CurlAsync("--user", $"{reader}:{TestAccounts.Password}", "-T", upload, url);
            Assert.True(refused.ExitCode == 25, "expected curl's upload-failed exit code 25\n" + refused);
            Assert.Contains("550", refused.StdErr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(readerHome, Path.GetFileName(upload))));

            // A wrong password: curl reports the refused login.
            ProcessResult wrong = await ProcessRunner.CurlAsync("--user", $"{reader}:Wrong!pass", "--list-only", url);
            Assert.Equal(67, wrong.ExitCode);

            // Python's ftplib: the reader logs in, retrieves, and STOR gets 550.
            ProcessResult python = await ProcessRunner.PythonAsync(FtplibScript, host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), reader, TestAccounts.Password);
            Assert.True(python.Succeeded, python.ToString());
            JsonElement report = JsonDocument.Parse(python.StdOut).RootElement;
            Assert.StartsWith("230", report.GetProperty("login").GetString(), StringComparison.Ordinal);
            Assert.Contains("hello.txt", report.GetProperty("names").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("hello from the reader's home\n", report.GetProperty("content").GetString());
            Assert.StartsWith("550", report.GetProperty("stor").GetString(), StringComparison.Ordinal);
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
    }

    [ProviderFact]
    public async Task Lockout_after_five_failures_and_a_password_change_takes_effect_despite_the_cache()
    {
        SeededAccount seeded = await fixture.Services.SeedAsync();
        SeededAccount victim = await fixture.Services.SeedAsync();
        await using HostProcess host = await HostProcess.StartAsync(Environment, fixture.Directory);
        try
        {
            // Two logins: the second is served from the credential cache.
            for (int i = 0; i < 2; i++)
            {
                await using RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port);
                Assert.Equal(230, (await client.AttemptLoginAsync(seeded.UserName, seeded.Password)).Code);
            }

            const string newPassword = "Chang3d!pass";
            IdentityResult changed = await fixture.Services.WithStoreAsync(async (_, users) =>
                await users.ChangePasswordAsync((await users.FindByNameAsync(seeded.UserName))!, seeded.Password, newPassword));
            Assert.True(changed.Succeeded);

            await using (RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port))
            {
                Assert.Equal(530, (await client.AttemptLoginAsync(seeded.UserName, seeded.Password)).Code);
            }

            ProcessResult curl = await ProcessRunner.CurlAsync("--user", $"{seeded.UserName}:{newPassword}", "--list-only", $"ftp://127.0.0.1:{host.Port}/");
            Assert.True(curl.Succeeded, curl.ToString());

            // Lockout: five wrong passwords (the server closes a session after three), then the right one is refused too.
            await using (RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port))
            {
                Assert.Equal(230, (await client.AttemptLoginAsync(victim.UserName, victim.Password)).Code);
            }

            for (int i = 0; i < 5; i++)
            {
                await using RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port);
                Assert.Equal(530, (await client.AttemptLoginAsync(victim.UserName, "Wrong!pass" + i)).Code);
            }

            await using (RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port))
            {
                Assert.Equal(530, (await client.AttemptLoginAsync(victim.UserName, victim.Password)).Code);
            }

            ProcessResult locked = await ProcessRunner.CurlAsync("--user", $"{victim.UserName}:{victim.Password}", "--list-only", $"ftp://127.0.0.1:{host.Port}/");
            Assert.Equal(67, locked.ExitCode);
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
    }

    [ProviderFact]
    public async Task Eight_connections_sending_wrong_passwords_at_once_lock_the_account_and_the_right_password_is_then_refused()
    {
        SeededAccount seeded = await fixture.Services.SeedAsync();
        await using HostProcess host = await HostProcess.StartAsync(Environment, fixture.Directory);
        var clients = new List<RawFtpClient>();
        try
        {
            for (int i = 0; i < 8; i++)
            {
                RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port);
                clients.Add(client);
                Assert.Equal(331, (await client.CommandAsync("USER " + seeded.UserName)).Code);
            }

            // Different wrong passwords: identical ones arriving together share one verification in the credential cache.
            FtpReply[] replies = await Task.WhenAll(clients.Select((c, i) => c.CommandAsync("PASS Wrong!pass" + i)));
            Assert.All(replies, r => Assert.Equal("530 Login incorrect.", r.Text));

            AppUser user = await fixture.Services.WithStoreAsync(async (_, users) => (await users.FindByNameAsync(seeded.UserName))!);
            Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow, $"LockoutEnd {user.LockoutEnd}");
            Assert.Equal(0, user.AccessFailedCount);
            await using RawFtpClient late = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port);
            Assert.Equal("530 Login incorrect.", (await late.AttemptLoginAsync(seeded.UserName, seeded.Password)).Text);
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
        finally
        {
            foreach (RawFtpClient client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [ProviderFact]
    public async Task An_unconfirmed_account_gets_the_ordinary_530_when_the_app_requires_confirmed_accounts()
    {
        SeededAccount unconfirmed = await fixture.Services.SeedAsync();
        SeededAccount confirmed = await fixture.Services.SeedAsync();
        IdentityResult confirmation = await fixture.Services.WithStoreAsync(async (_, users) =>
        {
            AppUser user = (await users.FindByNameAsync(confirmed.UserName))!;
            user.EmailConfirmed = true;
            return await users.UpdateAsync(user);
        });
        Assert.True(confirmation.Succeeded);
        Dictionary<string, string> environment = Environment;
        environment["Identity__SignIn__RequireConfirmedAccount"] = "true";
        await using HostProcess host = await HostProcess.StartAsync(environment, fixture.Directory);
        try
        {
            await using (RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port))
            {
                Assert.Equal("530 Login incorrect.", (await client.AttemptLoginAsync(unconfirmed.UserName, unconfirmed.Password)).Text);
            }

            await using (RawFtpClient client = await RawFtpClient.ConnectAsync("127.0.0.1", host.Port))
            {
                Assert.Equal(230, (await client.AttemptLoginAsync(confirmed.UserName, confirmed.Password)).Code);
            }
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
    }

    private const string FtplibScript = """
        import ftplib, io, json, sys
        port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        ftp = ftplib.FTP()
        ftp.connect("127.0.0.1", port, timeout=20)
        report = {"login": ftp.login(user, password)}
        report["names"] = ftp.nlst()
        buffer = io.BytesIO()
        ftp.retrbinary("RETR hello.txt", buffer.write)
        report["content"] = buffer.getvalue().decode()
        try:
            ftp.storbinary("STOR denied.txt", io.BytesIO(b"no"))
            report["stor"] = "stored"
        except ftplib.error_perm as e:
            report["stor"] = str(e)
        ftp.quit()
        print(json.dumps(report))
        """;
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteHostEndToEndTests(SqliteHostFixture fixture, ITestOutputHelper output) : HostEndToEndSuite(fixture, output), IClassFixture<SqliteHostFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlHostEndToEndTests(PostgreSqlHostFixture fixture, ITestOutputHelper output) : HostEndToEndSuite(fixture, output), IClassFixture<PostgreSqlHostFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlHostEndToEndTests(MySqlHostFixture fixture, ITestOutputHelper output) : HostEndToEndSuite(fixture, output), IClassFixture<MySqlHostFixture>;
