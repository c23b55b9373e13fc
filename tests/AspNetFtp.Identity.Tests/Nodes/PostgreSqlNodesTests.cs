using System.Diagnostics;
using System.Net;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Nodes;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.Nodes;

/// <summary>
/// What only PostgreSQL shows here: the database refusing connections (its own test database only, with
/// <c>ALLOW_CONNECTIONS false</c>: the server keeps running for every other test) and the cost of a beat with 200 sessions.
/// </summary>
[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlNodesTests(PostgreSqlFixture fixture, ITestOutputHelper output) : NodesSuite(fixture), IClassFixture<PostgreSqlFixture>
{
    private const int HeartbeatFailed = 120;
    private const int HeartbeatResumed = 121;

    [ProviderFact]
    public async Task Beats_that_fail_while_the_database_refuses_connections_are_logged_once_and_resume_without_stopping_the_server()
    {
        var logs = new CapturingLoggerProvider();
        await using Node node = await StartNodeAsync(configure: s =>
            s.AddLogging(l => l.AddProvider(logs).AddFilter<CapturingLoggerProvider>("AspNetFtp.Identity.Nodes", LogLevel.Information)));
        string database = Fixture.Database.Name;
        DateTime restored;
        try
        {
            await AllowConnectionsAsync(database, false);
            await EventuallyAsync(() => Task.FromResult(logs.Count(HeartbeatFailed) > 0 ? "logged" : null), "the failed beat logged");
            // Several beats fail, and the server still greets.
            await EventuallyAsync(() => Task.FromResult(node.Heartbeat.ConsecutiveFailures >= 3 ? "failed" : null), "three failed beats");
            await using (RawFtpClient client = await RawFtpClient.ConnectAsync(node.EndPoint, IPAddress.Parse("127.0.0.2")))
            {
                Assert.Equal(220, (await client.ReadReplyAsync()).Code);
            }
        }
        finally
        {
            await AllowConnectionsAsync(database, true);
            restored = DateTime.UtcNow;
        }

        await EventuallyAsync(() => Task.FromResult(logs.Count(HeartbeatResumed) > 0 ? "logged" : null), "the resumed beat logged");
        await EventuallyAsync(async () => await node.DbAsync(db => db.Set<FtpNode>().AsNoTracking()
            .FirstOrDefaultAsync(n => n.Name == node.Name && n.HeartbeatUtc > restored)), "a heartbeat after the outage");
        Assert.Equal((1, 1), (logs.Count(HeartbeatFailed), logs.Count(HeartbeatResumed)));
        Assert.True(node.Server.IsAccepting);
    }

    [ProviderFact]
    public async Task A_beat_with_200_sessions_writes_200_session_rows_and_reports_its_cost()
    {
        const int Sessions = 200;
        // Counts the statements the database runs (EF's CommandExecuted, 20101).
        var commands = new CapturingLoggerProvider();
        await using Node node = await StartNodeAsync(beat: TimeSpan.FromMinutes(1), settings: new Dictionary<string, string?>
        {
            ["FtpServer:Limits:MaxConnectionsPerIp"] = "1000",
        }, configure: s => s.AddLogging(l => l.AddProvider(commands).AddFilter<CapturingLoggerProvider>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)));
        var clients = new List<RawFtpClient>();
        try
        {
            for (int i = 0; i < Sessions; i++)
            {
                RawFtpClient client = await RawFtpClient.ConnectAsync(node.EndPoint, IPAddress.Parse("127.0.0.2"));
                clients.Add(client);
                await client.ReadReplyAsync();
            }

            var clock = Stopwatch.StartNew();
            await node.Heartbeat.BeatOnceAsync(CancellationToken.None);
            TimeSpan inserts = clock.Elapsed;
            Assert.Equal(Sessions, await node.DbAsync(db => db.Set<FtpNodeSession>().CountAsync(s => s.NodeName == node.Name)));

            const int Rounds = 20;
            int before = commands.Count(20101);
            clock.Restart();
            for (int i = 0; i < Rounds; i++)
            {
                await node.Heartbeat.BeatOnceAsync(CancellationToken.None);
            }

            TimeSpan steady = clock.Elapsed / Rounds;
            int perBeat = (commands.Count(20101) - before) / Rounds;
            foreach (RawFtpClient client in clients)
            {
                await client.ExpectAsync("NOOP", 200);
            }

            clock.Restart();
            await node.Heartbeat.BeatOnceAsync(CancellationToken.None);
            TimeSpan updates = clock.Elapsed;
            output.WriteLine($"PostgreSQL, {Sessions} sessions: first beat (200 inserts) {inserts.TotalMilliseconds:F0} ms; "
                + $"unchanged beat {steady.TotalMilliseconds:F1} ms (mean of {Rounds}, {perBeat} statements each); beat after a command on every session (200 updates) {updates.TotalMilliseconds:F0} ms");
        }
        finally
        {
            foreach (RawFtpClient client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task AllowConnectionsAsync(string database, bool allow)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresServer!);
        await connection.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS {(allow ? "true" : "false")}", connection))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allow)
        {
            await using var end = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
            end.Parameters.AddWithValue("name", database);
            await end.ExecuteNonQueryAsync();
        }
    }
}
