using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Audit;

/// <summary>
/// Issue 9, the dashboard's figures: <see cref="IFtpAuditLog.SummarizeAsync"/> grouped by the database on each provider,
/// over rows at a fixed time of their own (no other test writes near it), with exact buckets.
/// </summary>
public abstract class AuditSummarySuite(DatabaseFixture fixture)
{
    /// <summary>The range's start: 10:30 UTC, written with a +02:00 offset (the summary works in UTC).</summary>
    private static readonly DateTimeOffset From = new(2025, 3, 9, 12, 30, 0, TimeSpan.FromHours(2));

    private static readonly DateTime Hour10 = new(2025, 3, 9, 10, 0, 0, DateTimeKind.Utc);

    private async Task AddAsync(IServiceProvider services, params FtpAuditEntry[] entries)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        IFtpAuditLog log = scope.ServiceProvider.GetRequiredService<IFtpAuditLog>();
        foreach (FtpAuditEntry entry in entries)
        {
            await log.AddAsync(entry);
        }
    }

    private static async Task<FtpAuditSummary> SummarizeAsync(IServiceProvider services, DateTimeOffset from, DateTimeOffset to, int top)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IFtpAuditLog>().SummarizeAsync(from, to, top);
    }

    private static FtpAuditEntry Row(string kind, string? user, int minutes, long? bytes = null, string? address = "127.0.0.1", int seconds = 0) => new()
    {
        Kind = kind,
        UserName = user,
        RemoteAddress = address,
        Bytes = bytes,
        TimeUtc = Hour10.AddMinutes(minutes).AddSeconds(seconds),
    };

    [ProviderFact]
    public async Task The_summary_counts_bytes_and_logins_per_utc_hour_and_lists_top_users_and_failed_addresses_exactly()
    {
        await using ServiceProvider services = fixture.BuildServices();
        await AddAsync(services,
            Row(nameof(FileReceived), "alice", 29, 1000, seconds: 59),           // before the range
            Row(nameof(FileReceived), "alice", 30, 100),                         // its first instant
            Row(nameof(LoginFailed), "admin", 40, address: "203.0.113.9"),
            Row(nameof(FileSentIncomplete), "alice", 45, 7),
            Row(nameof(FileReceivedIncomplete), "bob", 60, 50),
            Row(nameof(LoginSucceeded), "alice", 70),
            Row(nameof(LoginSucceeded), "bob", 80),
            Row(nameof(ClientConnected), "bob", 81),
            Row(nameof(FileDeleted), "bob", 82, 5000),                           // not a transfer
            Row(nameof(FileSent), "bob", 119, 400, seconds: 59),
            Row(nameof(LoginFailed), "mallory", 125, address: "198.51.100.7"),
            Row(nameof(LoginFailed), "root", 130, address: "198.51.100.7"),
            Row(nameof(FileSent), "carol", 180, 1),
            Row(nameof(FileReceived), "alice", 210, 9999));                      // the range's end: out

        FtpAuditSummary summary = await SummarizeAsync(services, From, From.AddHours(3), top: 2);

        DateTimeOffset h10 = new(Hour10);
        Assert.Equal(
            [
                new FtpAuditHour(h10, 100, 7, 0, 1),
                new FtpAuditHour(h10.AddHours(1), 50, 400, 2, 0),
                new FtpAuditHour(h10.AddHours(2), 0, 0, 0, 2),
                new FtpAuditHour(h10.AddHours(3), 0, 1, 0, 0),
            ],
            summary.Hours);
        Assert.Equal((150L, 408L, 2, 3), (summary.BytesIn, summary.BytesOut, summary.LoginsSucceeded, summary.LoginsFailed));
        Assert.Equal([new FtpAuditUserBytes("bob", 50, 400), new FtpAuditUserBytes("alice", 100, 7)], summary.TopUsers);
        Assert.Equal(
            [
                new FtpAuditFailedAddress("198.51.100.7", 2, h10.AddMinutes(130), "root"),
                new FtpAuditFailedAddress("203.0.113.9", 1, h10.AddMinutes(40), "admin"),
            ],
            summary.FailedLogins);
        Assert.Equal((From.ToUniversalTime(), TimeSpan.Zero), (summary.From, summary.From.Offset));
    }

    [ProviderFact]
    public async Task An_empty_range_has_a_zero_bucket_for_every_hour_and_nothing_listed()
    {
        await using ServiceProvider services = fixture.BuildServices();
        DateTimeOffset quiet = new(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);

        FtpAuditSummary summary = await SummarizeAsync(services, quiet, quiet.AddHours(24), top: 10);

        Assert.Equal(24, summary.Hours.Count);
        Assert.All(summary.Hours, h => Assert.Equal((0L, 0L, 0, 0), (h.BytesIn, h.BytesOut, h.LoginsSucceeded, h.LoginsFailed)));
        Assert.Equal(quiet.AddHours(23), summary.Hours[^1].Start);
        Assert.Empty(summary.TopUsers);
        Assert.Empty(summary.FailedLogins);
    }

    [ProviderFact]
    public async Task The_kinds_stored_are_listed_once_each_in_ordinal_order()
    {
        await using ServiceProvider services = fixture.BuildServices();
        await AddAsync(services, Row("AdminGroupCreated", null, 0), Row("AdminGroupCreated", null, 1), Row(nameof(LoginFailed), "x", 2));

        await using AsyncServiceScope scope = services.CreateAsyncScope();
        IReadOnlyList<string> kinds = await scope.ServiceProvider.GetRequiredService<IFtpAuditLog>().KindsAsync();

        Assert.Equal(kinds.Distinct().Order(StringComparer.Ordinal), kinds);
        Assert.Contains("AdminGroupCreated", kinds);
        Assert.Contains(nameof(LoginFailed), kinds);
    }

    [ProviderFact]
    public async Task A_range_longer_than_31_days_or_empty_is_refused()
    {
        await using ServiceProvider services = fixture.BuildServices();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SummarizeAsync(services, From, From + IFtpAuditLog.MaxSummaryRange + TimeSpan.FromTicks(1), 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SummarizeAsync(services, From, From, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SummarizeAsync(services, From, From.AddHours(1), 0));
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAuditSummaryTests(SqliteFixture fixture) : AuditSummarySuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAuditSummaryTests(PostgreSqlFixture fixture) : AuditSummarySuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAuditSummaryTests(MySqlFixture fixture) : AuditSummarySuite(fixture), IClassFixture<MySqlFixture>;
