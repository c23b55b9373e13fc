using System.Net;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Nodes;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Nodes;

/// <summary>
/// Several nodes on one database (issue 12): each node is a container of its own with its own
/// <c>FtpServer:Node:Name</c>, its FTP server and its heartbeat started as the host starts them; real sessions over
/// loopback, on each provider. The database is the fixture's, shared by the class; every node has a fresh name.
/// </summary>
public abstract class NodesSuite(DatabaseFixture fixture)
{
    /// <summary>Short beats for the tests; DeadAfter long enough that a slow beat on a busy machine is not a death.</summary>
    private static readonly TimeSpan Beat = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected DatabaseFixture Fixture => fixture;

    internal sealed class Node(ServiceProvider services, FtpServer server, FtpNodeHeartbeat<AppDbContext> heartbeat, string name) : IAsyncDisposable
    {
        private bool _ended;

        public ServiceProvider Services => services;

        public FtpServer Server => server;

        public FtpNodeHeartbeat<AppDbContext> Heartbeat => heartbeat;

        public string Name => name;

        public IPEndPoint EndPoint => server.Listeners[0].EndPoint;

        /// <summary>Runs <paramref name="work"/> with a fresh scope's <see cref="IFtpClusterSessions"/>.</summary>
        public async Task<T> ClusterAsync<T>(Func<IFtpClusterSessions, Task<T>> work)
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<IFtpClusterSessions>());
        }

        public async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        /// <summary>Stops as the host stops: heartbeat first (its stop write), then the server.</summary>
        public async Task StopAsync()
        {
            _ended = true;
            await heartbeat.StopAsync(CancellationToken.None);
            await server.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }

        /// <summary>Dies: the beats end without the stop write, the sessions stay open until the server stops.</summary>
        public async Task DieAsync()
        {
            _ended = true;
            await heartbeat.DisposeAsync();
            await server.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_ended)
            {
                await StopAsync();
            }
        }
    }

    internal async Task<Node> StartNodeAsync(string? name = null, TimeSpan? deadAfter = null, TimeSpan? beat = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        name ??= Scratch.Name("node");
        var all = new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Timeouts:LoginFailureDelay"] = "00:00:00",
            ["FtpServer:Node:Name"] = name,
            ["FtpServer:Node:HeartbeatInterval"] = (beat ?? Beat).ToString(),
            ["FtpServer:Node:DeadAfter"] = (deadAfter ?? TimeSpan.FromSeconds(5) + (beat ?? Beat) * 2).ToString(),
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        ServiceProvider services = fixture.BuildServices(configure, all);
        FtpServer server = services.GetRequiredService<FtpServer>();
        FtpNodeHeartbeat<AppDbContext> heartbeat = services.GetRequiredService<FtpNodeHeartbeat<AppDbContext>>();
        try
        {
            await server.StartAsync(CancellationToken.None);
            await heartbeat.StartAsync(CancellationToken.None);
        }
        catch
        {
            await server.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
            throw;
        }

        return new Node(services, server, heartbeat, name);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, for at most <see cref="Wait"/>.</summary>
    internal static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        using var deadline = new CancellationTokenSource(Wait);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {Wait.TotalSeconds} s: {what}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    internal static async Task<RawFtpClient> LoggedInAsync(Node node, SeededAccount account)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(node.EndPoint, IPAddress.Parse("127.0.0.2"));
        await client.ReadReplyAsync();
        await client.LoginAsync(account.UserName, account.Password);
        return client;
    }

    [ProviderFact]
    public async Task A_started_node_writes_its_heartbeat_row_with_its_listener_endpoints()
    {
        await using Node node = await StartNodeAsync();

        FtpNode row = await node.DbAsync(db => db.Set<FtpNode>().AsNoTracking().SingleAsync(n => n.Name == node.Name));

        Assert.Equal((node.EndPoint.ToString(), node.Heartbeat.InstanceId, (DateTime?)null), (row.Endpoints, row.InstanceId, row.StoppedUtc));
        DateTime first = row.HeartbeatUtc;
        await EventuallyAsync(async () => await node.DbAsync(db => db.Set<FtpNode>().AsNoTracking()
            .Where(n => n.Name == node.Name && n.HeartbeatUtc > first).FirstOrDefaultAsync()), "a second heartbeat");
    }

    [ProviderFact]
    public async Task A_session_on_node_B_shows_in_node_A_list_with_its_node()
    {
        await using Node a = await StartNodeAsync();
        await using Node b = await StartNodeAsync();
        SeededAccount account = await fixture.Services.SeedAsync();
        await using RawFtpClient client = await LoggedInAsync(b, account);

        FtpClusterSession seen = await EventuallyAsync(async () => (await a.ClusterAsync(c => c.ListSessionsAsync())).Sessions
            .FirstOrDefault(s => s.Node == b.Name && s.UserName == account.UserName), "B's session in A's list");

        Assert.Equal((false, client.LocalEndPoint.ToString()), (seen.IsThisNode, seen.Remote));
    }

    [ProviderFact]
    public async Task A_disconnect_from_node_A_of_a_session_on_node_B_ends_it_with_421()
    {
        await using Node a = await StartNodeAsync();
        await using Node b = await StartNodeAsync();
        SeededAccount account = await fixture.Services.SeedAsync();
        await using RawFtpClient client = await LoggedInAsync(b, account);
        FtpClusterSession session = await EventuallyAsync(async () => (await a.ClusterAsync(c => c.ListSessionsAsync())).Sessions
            .FirstOrDefault(s => s.Node == b.Name && s.UserName == account.UserName), "B's session in A's list");

        FtpDisconnectResult result = await a.ClusterAsync(c => c.RequestDisconnectAsync(b.Name, session.Id, "tester"));

        Assert.Equal(new FtpDisconnectResult(FtpDisconnectOutcome.Ended, b.Name), result);
        (bool closed, List<FtpReply> replies) = await client.WaitForCloseAsync(TimeSpan.FromSeconds(10));
        Assert.True(closed);
        Assert.Equal(421, Assert.Single(replies).Code);
        FtpAuditPage audit;
        await using (AsyncServiceScope scope = a.Services.CreateAsyncScope())
        {
            audit = await scope.ServiceProvider.GetRequiredService<IFtpAuditLog>().QueryAsync(
                new FtpAuditQuery { Kind = AdminAuditKinds.SessionDisconnected, UserName = account.UserName });
        }

        FtpAuditEntry entry = Assert.Single(audit.Entries);
        Assert.Equal(("tester", $"session {session.Id} on node {b.Name}"), (entry.Actor, entry.Detail));
    }

    [ProviderFact]
    public async Task A_disconnect_of_a_session_that_has_ended_on_another_node_is_Gone()
    {
        await using Node a = await StartNodeAsync();
        await using Node b = await StartNodeAsync();

        FtpDisconnectResult result = await a.ClusterAsync(c => c.RequestDisconnectAsync(b.Name, "no-such-session", "tester"));

        Assert.Equal(FtpDisconnectOutcome.Gone, result.Outcome);
    }

    [ProviderFact]
    public async Task A_node_stopped_gracefully_is_listed_as_stopped_and_its_sessions_vanish()
    {
        // A beats once, at its start: the rows vanish by B's own stop, not by A's cleanup of stopped nodes.
        await using Node a = await StartNodeAsync(beat: TimeSpan.FromMinutes(1));
        Node b = await StartNodeAsync();
        SeededAccount account = await fixture.Services.SeedAsync();
        RawFtpClient client = await LoggedInAsync(b, account);
        await EventuallyAsync(async () => (await a.ClusterAsync(c => c.ListSessionsAsync())).Sessions
            .FirstOrDefault(s => s.Node == b.Name), "B's session in A's list");

        await b.StopAsync();
        await client.DisposeAsync();

        FtpNodeSummary summary = Assert.Single(await a.ClusterAsync(c => c.ListNodesAsync()), n => n.Name == b.Name);
        Assert.Equal((FtpNodeState.Stopped, 0), (summary.State, summary.Sessions));
        Assert.DoesNotContain((await a.ClusterAsync(c => c.ListSessionsAsync())).Sessions, s => s.Node == b.Name);
        Assert.Equal(0, await a.DbAsync(db => db.Set<FtpNodeSession>().CountAsync(s => s.NodeName == b.Name)));
    }

    [ProviderFact]
    public async Task A_node_whose_heartbeat_stopped_is_listed_as_dead_after_DeadAfter_and_its_session_rows_are_deleted()
    {
        TimeSpan deadAfter = TimeSpan.FromSeconds(1);
        await using Node a = await StartNodeAsync(deadAfter: deadAfter);
        Node b = await StartNodeAsync(deadAfter: deadAfter);
        SeededAccount account = await fixture.Services.SeedAsync();
        await using RawFtpClient client = await LoggedInAsync(b, account);
        await EventuallyAsync(async () => await a.DbAsync(db => db.Set<FtpNodeSession>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.NodeName == b.Name)), "B's session row");

        await b.DieAsync();

        FtpNodeSummary dead = await EventuallyAsync(async () => (await a.ClusterAsync(c => c.ListNodesAsync()))
            .FirstOrDefault(n => n.Name == b.Name && n.State == FtpNodeState.Dead), "B listed as dead");
        Assert.Null(dead.StoppedUtc);
        await EventuallyAsync(async () => await a.DbAsync(async db =>
            await db.Set<FtpNodeSession>().AnyAsync(s => s.NodeName == b.Name) ? null : "cleaned"), "B's session rows deleted by A");
        FtpDisconnectResult refused = await a.ClusterAsync(c => c.RequestDisconnectAsync(b.Name, "any", "tester"));
        Assert.Equal(FtpDisconnectOutcome.Refused, refused.Outcome);
    }

    [ProviderFact]
    public async Task A_second_start_with_the_name_of_a_running_node_fails_naming_the_setting()
    {
        await using Node first = await StartNodeAsync();

        FtpStartupException failure = await Assert.ThrowsAsync<FtpStartupException>(() => StartNodeAsync(first.Name));

        Assert.StartsWith($"FTP node '{first.Name}' is already running (last heartbeat ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("give each node its own FtpServer:Node:Name", failure.Message, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task A_node_started_again_under_the_name_of_a_stopped_node_takes_the_name()
    {
        Node first = await StartNodeAsync();
        string name = first.Name;
        await first.StopAsync();

        await using Node second = await StartNodeAsync(name);

        FtpNodeSummary summary = Assert.Single(await second.ClusterAsync(c => c.ListNodesAsync()), n => n.Name == name);
        Assert.Equal((FtpNodeState.Alive, true), (summary.State, summary.IsThisNode));
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteNodesTests(SqliteFixture fixture) : NodesSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlNodesTests(MySqlFixture fixture) : NodesSuite(fixture), IClassFixture<MySqlFixture>;
