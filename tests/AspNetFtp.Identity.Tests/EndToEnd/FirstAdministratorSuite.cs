using System.Text.RegularExpressions;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>
/// First start on an empty database: the embedded SQLite default creates an administrator and prints its
/// password once; server databases never do unless <c>Database__CreateFirstAdministrator=true</c>.
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
        await host.WaitForBannerAsync();
        string banner = host.Output;
        output.WriteLine(banner);
        Match match = AdministratorLine().Match(banner);
        Assert.Equal(expectAdministrator, match.Success);
        string password = match.Success ? match.Groups["password"].Value : loginPassword ?? string.Empty;
        if (password.Length > 0)
        {
            ProcessResult login = await ProcessRunner.CurlAsync("--user", $"admin:{password}", "--list-only", $"ftp://127.0.0.1:{host.Port}/");
            Assert.True(login.Succeeded, login + "\n" + host.Output);
        }

        return password;
    }

    [GeneratedRegex(@"First start: created the administrator 'admin' with the password (?<password>\S+)")]
    private static partial Regex AdministratorLine();
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteFirstAdministratorTests(ITestOutputHelper output) : FirstAdministratorSuite(DatabaseProvider.Sqlite, output);

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlFirstAdministratorTests(ITestOutputHelper output) : FirstAdministratorSuite(DatabaseProvider.PostgreSql, output);

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlFirstAdministratorTests(ITestOutputHelper output) : FirstAdministratorSuite(DatabaseProvider.MySql, output);
