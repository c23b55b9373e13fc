using AspNetFtp.Host.Data;
using Microsoft.Data.Sqlite;
using MySql.Data.MySqlClient;
using Npgsql;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>Creates and drops a fresh database per fixture: a temporary SQLite file, or aspnetftp_xxx on the server.</summary>
internal static class TestDatabases
{
    public sealed record TestDatabase(DatabaseProvider Provider, string Name, string ConnectionString);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string directory)
    {
        string name = "aspnetftp_" + Guid.NewGuid().ToString("N")[..12];
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                return new(provider, name, $"Data Source={Path.Combine(directory, name + ".db")}");

            case DatabaseProvider.PostgreSql:
            {
                string server = Require(TestEnvironment.PostgresServer, TestEnvironment.PostgresVariable);
                await using (var connection = new NpgsqlConnection(server))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }

                var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
                return new(provider, name, builder.ConnectionString);
            }

            case DatabaseProvider.MySql:
            {
                string server = Require(TestEnvironment.MySqlServer, TestEnvironment.MySqlVariable);
                await using (var connection = new MySqlConnection(server))
                {
                    await connection.OpenAsync();
                    await using var create = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", connection);
                    await create.ExecuteNonQueryAsync();
                }

                var builder = new MySqlConnectionStringBuilder(server) { Database = name };
                return new(provider, name, builder.ConnectionString);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    public static async Task DropAsync(TestDatabase database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteConnection.ClearAllPools();
                break;

            case DatabaseProvider.PostgreSql:
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(TestEnvironment.PostgresServer);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                break;
            }

            case DatabaseProvider.MySql:
            {
                MySqlConnection.ClearAllPools();
                await using var connection = new MySqlConnection(TestEnvironment.MySqlServer);
                await connection.OpenAsync();
                await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database.Name}`", connection);
                await drop.ExecuteNonQueryAsync();
                break;
            }
        }
    }

    private static string Require(string? value, string variable) =>
        value ?? throw new InvalidOperationException(
            $"{variable} is not set, but {TestEnvironment.RequireVariable}=1 says the database servers must be there (scripts/test.sh starts them).");
}
