using System.Text.RegularExpressions;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>
/// First start on an empty database: the embedded SQLite default creates an administrator and tells its
/// password once; server databases never do unless <c>Database__CreateFirstAdministrator=true</c>. The host's
/// output is a pipe here, not a terminal, so the password is in an owner-only file the output names (security
/// issue 6), never in the output itself.
/// </summary>
public abstract partial class FirstAdministratorSuite(DatabaseProvider provider, ITestOutputHelper output)
{
    [ProviderFact]
    public async Task The_first_administrator_is_printed_once_and_only_where_it_should_be()
    {
        string directory = Scratch.NewDirectory("first-" + provider.ToString().ToLowerInvariant());
        TestDatabases.TestDatabase? database = null;
        try
        {
            var environment = HostProcess.Environment(new Dictionary<string, string>
            {
                ["Database__Provider"] = provider.ToString(),
                ["FtpServer__Accounts"] = "Identity",
                ["FtpServer__RootDirectory"] = Path.Combine(directory, "ftp"),
                ["FtpServer__DataDirectory"] = Path.Combine(directory, "data"),
            });
            if (provider == DatabaseProvider.Sqlite)
            {
                // No connection string: the embedded default, a file in the data directory.
                string password = await StartOnceAsync(environment, directory, expectAdministrator: true);
                Assert.True(File.Exists(Path.Combine(directory, "data", "aspnetftp.db")));
                await StartOnceAsync(environment, directory, expectAdministrator: false, loginPassword: password);
                return;
            }

            database = await TestDatabases.CreateAsync(provider, directory);
            environment["Database__ConnectionString"] = database.ConnectionString;
            environment["Database__MigrateOnStart"] = "true";
            await StartOnceAsync(environment, directory, expectAdministrator: false);

            // Asked for explicitly, on an empty database: created and printed, once.
            await TestDatabases.DropAsync(database);
            database = await TestDatabases.CreateAsync(provider, directory);
            environment["Database__ConnectionString"] = database.ConnectionString;
            environment["Database__CreateFirstAdministrator"] = "true";
            string created = await StartOnceAsync(environment, directory, expectAdministrator: true);
            await StartOnceAsync(environment, directory, expectAdministrator: false, loginPassword: created);
        }
        finally
        {
            if (database is not null)
            {
                await TestDatabases.DropAsync(database);
            }
        }
    }

    /// <summary>Starts the host, checks the banner, logs in as admin when a password is known, stops it.</summary>
    private async Task<string> StartOnceAsync(Dictionary<string, string> environment, string directory, bool expectAdministrator, string? loginPassword = null)
    {
        await using HostProcess host = await HostProcess.StartAsync(environment, directory);
        await host.WaitForBannerAsync(TimeSpan.FromSeconds(30)); // The banner's last lines follow the Listening line.
        string banner = host.Output;
        output.WriteLine(banner);
        Assert.DoesNotMatch(@"with the password", banner);
        Match match = AdministratorLine().Match(banner);
        Assert.Equal(expectAdministrator, match.Success);
        string password = loginPassword ?? string.Empty;
        if (match.Success)
        {
            string file = match.Groups["file"].Value;
            Assert.Equal(Path.Combine(directory, "data", FirstAdministrator.PasswordFileName), file);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            password = (await File.ReadAllTextAsync(file)).Trim();
            Assert.Matches(@"^\S{16,}$", password);
            Assert.DoesNotContain(password, banner, StringComparison.Ordinal);
        }

        if (password.Length > 0)
        {
            ProcessResult login = await ProcessRunner.CurlAsync("--user", $"admin:{password}", "--list-only", $"ftp://127.0.0.1:{host.Port}/");
            Assert.True(login.Succeeded, login + "\n" + host.Output);
        }

        return password;
    }

    /// <summary>The output up to the banner's last line (it follows the Listening line), waited for with a bound.</summary>
    [GeneratedRegex(@"First start: created the administrator 'admin'; its password is in (?<file>/\S+) \(readable by its owner only")]
    private static partial Regex AdministratorLine();
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteFirstAdministratorTests(ITestOutputHelper output) : FirstAdministratorSuite(DatabaseProvider.Sqlite, output);

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlFirstAdministratorTests(ITestOutputHelper output) : FirstAdministratorSuite(DatabaseProvider.PostgreSql, output);

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlFirstAdministratorTests(ITestOutputHelper output) : FirstAdministratorSuite(DatabaseProvider.MySql, output);
