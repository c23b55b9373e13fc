using System.Net;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Audit;

/// <summary>
/// Issue 9: the audit log on each provider. FTP events reach <c>FtpAuditEntries</c> in batches through the sink that
/// <c>AddIdentityAccounts</c> registers; a failing table drops and counts without stalling sessions; retention deletes
/// only old rows; <see cref="IFtpAuditLog"/> filters and pages.
/// </summary>
public abstract class AuditLogSuite(DatabaseFixture fixture)
{
    private sealed record Running(ServiceProvider Services, FtpServer Server) : IAsyncDisposable
    {
        public IPEndPoint EndPoint => Server.Listeners[0].EndPoint;

        public FtpAuditLogSink<AppDbContext> Sink => Services.GetRequiredService<FtpAuditLogSink<AppDbContext>>();

        public async ValueTask DisposeAsync()
        {
            await Server.StopAsync(CancellationToken.None);
            await Services.DisposeAsync();
        }
    }

    private async Task<Running> StartAsync(CapturingLoggerProvider? logs = null, string enabled = "true")
    {
        ServiceProvider services = fixture.BuildServices(
            configure: s =>
            {
                if (logs is not null)
                {
                    s.AddLogging(l => l.AddProvider(logs).AddFilter<CapturingLoggerProvider>("AspNetFtp.Identity.Audit", LogLevel.Information));
                }
            },
            settings: new Dictionary<string, string?>
            {
                ["FtpServer:Host"] = "127.0.0.1",
                ["FtpServer:Port"] = "0",
                ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
                ["FtpServer:Defender:Enabled"] = "false",
                ["FtpServer:Audit:Enabled"] = enabled,
                ["FtpServer:Audit:FlushInterval"] = "00:00:00.050",
            });
        FtpServer server = services.GetRequiredService<FtpServer>();
        await server.StartAsync(CancellationToken.None);
        return new Running(services, server);
    }

    private async Task<RawFtpClient> LoginAsync(Running running, SeededAccount account)
    {
        Directory.CreateDirectory(Path.Combine(fixture.RootDirectory, account.UserName));
        RawFtpClient client = await RawFtpClient.ConnectAsync(running.EndPoint);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        Assert.Equal(331, (await client.CommandAsync("USER " + account.UserName)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + account.Password)).Code);
        return client;
    }

    private static async Task<FtpAuditPage> QueryAsync(IServiceProvider services, FtpAuditQuery query)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IFtpAuditLog>().QueryAsync(query);
    }

    /// <summary>The user's rows, oldest first, once <paramref name="done"/> holds for them (bounded wait).</summary>
    private static async Task<IReadOnlyList<FtpAuditEntry>> WaitForRowsAsync(IServiceProvider services, string user, Func<IReadOnlyList<FtpAuditEntry>, bool> done)
    {
        using var timeout = new CancellationTokenSource(RawFtpClient.Timeout);
        while (true)
        {
            FtpAuditPage page = await QueryAsync(services, new FtpAuditQuery { UserName = user, PageSize = FtpAuditQuery.MaxPageSize });
            IReadOnlyList<FtpAuditEntry> rows = [.. page.Entries.Reverse()];
            if (done(rows))
            {
                return rows;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task AddAsync(IServiceProvider services, params FtpAuditEntry[] entries)
    {
        foreach (FtpAuditEntry entry in entries)
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IFtpAuditLog>().AddAsync(entry);
        }
    }

    [ProviderFact]
    public async Task A_scripted_ftp_session_lands_one_row_per_event_with_its_data_and_none_for_a_failed_delete()
    {
        await using Running running = await StartAsync();
        SeededAccount seeded = await running.Services.SeedAsync();
        await using (RawFtpClient client = await LoginAsync(running, seeded))
        {
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
            await client.UploadAsync("STOR a.txt", "hello"u8.ToArray());
            Assert.Equal("hello"u8.ToArray(), await client.DownloadAsync("RETR a.txt"));
            Assert.Equal(257, (await client.CommandAsync("MKD d")).Code);
            Assert.Equal(350, (await client.CommandAsync("RNFR a.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("RNTO b.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("DELE b.txt")).Code);
            Assert.Equal(550, (await client.CommandAsync("DELE missing.txt")).Code);
            Assert.Equal(250, (await client.CommandAsync("RMD d")).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        await using (RawFtpClient wrong = await RawFtpClient.ConnectAsync(running.EndPoint))
        {
            Assert.Equal(220, (await wrong.ReadReplyAsync()).Code);
            Assert.Equal(331, (await wrong.CommandAsync("USER " + seeded.UserName)).Code);
            Assert.Equal(530, (await wrong.CommandAsync("PASS not-the-password")).Code);
        }

        IReadOnlyList<FtpAuditEntry> all = await WaitForRowsAsync(running.Services, seeded.UserName,
            r => r.Any(e => e.Kind == nameof(LoginFailed)) && r.Any(e => e.Kind == nameof(ClientDisconnected)));

        FtpAuditEntry failed = Assert.Single(all, r => r.Kind == nameof(LoginFailed));
        IReadOnlyList<FtpAuditEntry> rows = [.. all.Where(r => r != failed)];
        Assert.Equal(
            [nameof(LoginSucceeded), nameof(FileReceived), nameof(FileSent), nameof(DirectoryCreated), nameof(FileRenamed),
             nameof(FileDeleted), nameof(DirectoryDeleted), nameof(LoggedOut), nameof(ClientDisconnected)],
            rows.Select(r => r.Kind));
        Assert.All(all, r => Assert.Equal("127.0.0.1", r.RemoteAddress));
        Assert.NotNull(Assert.Single(rows.Select(r => r.SessionId).Distinct()));
        Assert.NotEqual(rows[0].SessionId, failed.SessionId);
        Assert.All(all, r => Assert.Equal(DateTimeKind.Utc, r.TimeUtc.Kind));
        FtpAuditEntry received = rows[1];
        Assert.Equal(("/a.txt", 5L, true), (received.Path, received.Bytes, received.Succeeded));
        Assert.NotNull(received.DurationMs);
        Assert.Equal(("/a.txt", 5L), (rows[2].Path, rows[2].Bytes));
        Assert.Equal("/d", rows[3].Path);
        Assert.Equal(("/a.txt", "/b.txt"), (rows[4].Path, rows[4].TargetPath));
        Assert.Equal("/b.txt", rows[5].Path);
        Assert.Equal("/d", rows[6].Path);
        Assert.Equal((false, nameof(FtpAuthenticationStatus.InvalidCredentials)), (failed.Succeeded, failed.Detail));
        Assert.All(all, r => Assert.Null(r.Actor));
    }

    [ProviderFact]
    public async Task When_the_audit_table_fails_sessions_go_on_the_events_are_dropped_and_counted_and_it_is_logged_once()
    {
        var logs = new CapturingLoggerProvider();
        await using Running running = await StartAsync(logs);
        SeededAccount during = await running.Services.SeedAsync();
        SeededAccount after = await running.Services.SeedAsync();
        await RenameAuditTableAsync(running.Services, "FtpAuditEntries", "FtpAuditEntriesAway");
        try
        {
            await using (RawFtpClient client = await LoginAsync(running, during))
            {
                Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
                for (int i = 0; i < 3; i++)
                {
                    await client.UploadAsync($"STOR f{i}.txt", "data"u8.ToArray());
                    Assert.Equal(257, (await client.CommandAsync($"MKD d{i}")).Code);
                }

                Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
            }

            // Connected, login, 3 × (received, mkdir), logout, disconnected: 10 events of this session alone.
            using var timeout = new CancellationTokenSource(RawFtpClient.Timeout);
            while (running.Sink.Dropped < 10)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
        finally
        {
            await RenameAuditTableAsync(running.Services, "FtpAuditEntriesAway", "FtpAuditEntries");
        }

        await using (RawFtpClient client = await LoginAsync(running, after))
        {
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        IReadOnlyList<FtpAuditEntry> rows = await WaitForRowsAsync(running.Services, after.UserName, r => r.Any(e => e.Kind == nameof(ClientDisconnected)));
        Assert.Equal([nameof(LoginSucceeded), nameof(LoggedOut), nameof(ClientDisconnected)], rows.Select(r => r.Kind));
        Assert.Empty((await QueryAsync(running.Services, new FtpAuditQuery { UserName = during.UserName })).Entries);
        Assert.Equal(1, logs.Count(110));
        Assert.Equal(1, logs.Count(111));
    }

    [ProviderFact]
    public async Task Retention_deletes_only_the_rows_older_than_it_in_batches()
    {
        await using ServiceProvider services = fixture.BuildServices();
        string marker = Scratch.Name("ret");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        TimeSpan retention = TimeSpan.FromDays(90);
        await AddAsync(services, [
            .. Enumerable.Range(0, 5).Select(i => new FtpAuditEntry { Kind = "Test", UserName = marker, Detail = "old" + i, TimeUtc = (now - retention - TimeSpan.FromMinutes(i + 1)).UtcDateTime }),
            new FtpAuditEntry { Kind = "Test", UserName = marker, Detail = "young", TimeUtc = (now - retention + TimeSpan.FromMinutes(1)).UtcDateTime },
            new FtpAuditEntry { Kind = "Test", UserName = marker, Detail = "new", TimeUtc = now.UtcDateTime },
        ]);
        var cleanup = new FtpAuditRetention<AppDbContext>(services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new FtpAuditOptions { Retention = retention, CleanupBatchSize = 2 }),
            NullLogger<FtpAuditRetention<AppDbContext>>.Instance, new FixedClock(now));

        int deleted = await cleanup.DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(5, deleted);
        FtpAuditPage left = await QueryAsync(services, new FtpAuditQuery { UserName = marker });
        Assert.Equal(["new", "young"], left.Entries.Select(e => e.Detail));
        Assert.Equal(0, await cleanup.DeleteExpiredAsync(CancellationToken.None));
    }

    [ProviderFact]
    public async Task The_query_filters_by_user_kind_address_and_time_range_and_pages_newest_first()
    {
        await using ServiceProvider services = fixture.BuildServices();
        string alice = Scratch.Name("qa");
        string bob = Scratch.Name("qb");
        string address = "198.51.100." + Random.Shared.Next(1, 255);
        var t0 = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        await AddAsync(services,
            new FtpAuditEntry { Kind = "LoginFailed", UserName = alice, RemoteAddress = address, TimeUtc = t0, Detail = "1" },
            new FtpAuditEntry { Kind = "FileReceived", UserName = alice, RemoteAddress = "127.0.0.1", TimeUtc = t0.AddMinutes(1), Detail = "2" },
            new FtpAuditEntry { Kind = "LoginFailed", UserName = alice, RemoteAddress = "127.0.0.1", TimeUtc = t0.AddMinutes(2), Detail = "3" },
            new FtpAuditEntry { Kind = "LoginFailed", UserName = bob, RemoteAddress = address, TimeUtc = t0.AddMinutes(3), Detail = "4" },
            new FtpAuditEntry { Kind = "AdminUserLocked", UserName = alice, Actor = "admin", TimeUtc = t0.AddMinutes(4), Detail = "5" });

        async Task<string[]> Details(FtpAuditQuery q) => [.. (await QueryAsync(services, q)).Entries.Select(e => e.Detail!)];

        Assert.Equal(["5", "3", "2", "1"], await Details(new() { UserName = alice }));
        Assert.Equal(["3", "1"], await Details(new() { UserName = alice, Kind = "LoginFailed" }));
        Assert.Equal(["4", "1"], await Details(new() { RemoteAddress = address }));
        Assert.Equal(["3", "2"], await Details(new() { UserName = alice, From = t0.AddMinutes(1), To = t0.AddMinutes(4) }));
        Assert.Equal(["5"], await Details(new() { UserName = alice, From = new DateTimeOffset(t0.AddMinutes(4)).ToOffset(TimeSpan.FromHours(2)) }));
        FtpAuditPage second = await QueryAsync(services, new FtpAuditQuery { UserName = alice, Page = 2, PageSize = 3 });
        Assert.Equal((4L, 2), (second.TotalCount, second.PageCount));
        Assert.Equal(["1"], second.Entries.Select(e => e.Detail));
        Assert.Equal("admin", (await QueryAsync(services, new FtpAuditQuery { UserName = alice, Kind = "AdminUserLocked" })).Entries.Single().Actor);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => QueryAsync(services, new FtpAuditQuery { PageSize = FtpAuditQuery.MaxPageSize + 1 }));
    }

    [ProviderFact]
    public async Task Client_chosen_text_is_stored_with_controls_masked_and_cut_to_its_column_without_losing_the_batch()
    {
        await using Running running = await StartAsync();
        string marker = Scratch.Name("ctl");
        string hostile = marker + "\u0001\u202E\r\nx";
        var remote = new IPEndPoint(IPAddress.Loopback, 40000);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await running.Sink.OnEventAsync(new LoginFailed(now, FtpAuthenticationStatus.InvalidCredentials) { UserName = hostile, RemoteEndPoint = remote }, CancellationToken.None);
        await running.Sink.OnEventAsync(new FileDeleted(now, "/" + new string('p', 2000)) { UserName = marker, RemoteEndPoint = remote }, CancellationToken.None);
        await running.Sink.FlushAsync(CancellationToken.None);

        FtpAuditEntry stored = Assert.Single((await QueryAsync(running.Services, new FtpAuditQuery { UserName = marker + "????x" })).Entries);
        Assert.Equal(nameof(LoginFailed), stored.Kind);
        FtpAuditEntry deleted = Assert.Single((await QueryAsync(running.Services, new FtpAuditQuery { UserName = marker })).Entries);
        Assert.Equal(FtpAuditEntry.MaxTextLength, deleted.Path!.Length);
        Assert.Equal(0, running.Sink.Dropped);
    }

    [ProviderFact]
    public async Task With_the_audit_log_disabled_the_sink_writes_nothing()
    {
        await using Running running = await StartAsync(enabled: "false");
        string marker = Scratch.Name("off");

        await running.Sink.OnEventAsync(new LoginSucceeded(DateTimeOffset.UtcNow) { UserName = marker }, CancellationToken.None);
        await running.Sink.FlushAsync(CancellationToken.None);

        Assert.Empty((await QueryAsync(running.Services, new FtpAuditQuery { UserName = marker })).Entries);
        Assert.Equal(0, running.Sink.Written);
    }

    private async Task RenameAuditTableAsync(IServiceProvider services, string from, string to)
    {
        string sql = fixture.Provider == DatabaseProvider.MySql
            ? $"ALTER TABLE `{from}` RENAME TO `{to}`"
            : $"ALTER TABLE \"{from}\" RENAME TO \"{to}\"";
        await services.WithStoreAsync(async (db, _) => await db.Database.ExecuteSqlRawAsync(sql));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAuditLogTests(SqliteFixture fixture) : AuditLogSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAuditLogTests(PostgreSqlFixture fixture) : AuditLogSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAuditLogTests(MySqlFixture fixture) : AuditLogSuite(fixture), IClassFixture<MySqlFixture>;
