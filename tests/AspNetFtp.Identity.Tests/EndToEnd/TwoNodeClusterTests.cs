using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Nodes;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AspNetFtp.Identity.Tests.EndToEnd;

/// <summary>
/// Issue 12 on one machine, loopback only: HAProxy (Debian's 2.6, the repository's
/// <c>deploy/haproxy/aspnetftp.cfg</c> with only its addresses and ports replaced) in TCP mode with PROXY protocol v2
/// in front of two <c>ftpserver</c> processes (nodes A and B: their own control ports and passive ranges, the passive
/// ranges reached directly, not through HAProxy) on one PostgreSQL database and one S3 storage profile on the S3
/// emulator. One scenario test in named steps, because the set-up (two host starts, HAProxy, the accounts made with
/// the CLI) is most of its cost and step 4 kills a node: upload through HAProxy and read through the other node; a
/// ban made on one node holds on the other; a session of B listed and ended through node A's
/// <see cref="IFtpClusterSessions"/>; A killed, new sessions go to B and no file is lost. The measured figures are
/// written to the test output (docs/scale-out.md quotes them).
/// </summary>
[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class TwoNodeClusterTests(PostgreSqlFixture fixture, ITestOutputHelper output) : IClassFixture<PostgreSqlFixture>
{
    private const int FrontendPort = 17000;
    private const int NodeAPort = 17001;
    private const int NodeBPort = 17002;
    private const string NodeA = "twonode-a";
    private const string NodeB = "twonode-b";
    private const int LargeFileSize = 64 * 1024 * 1024;
    private static readonly IPAddress Foreign = IPAddress.Parse("127.0.0.2");
    private readonly string _prefix = "twonode-" + Guid.NewGuid().ToString("N")[..12];

    private Dictionary<string, string> Environment
    {
        get
        {
            Dictionary<string, string> environment = HostProcess.Environment(fixture.HostEnvironment());
            environment["FtpServer__Defender__Enabled"] = "true";
            // Two refused PASS (3 points each) ban the address. Connections that end without a login score nothing, so
            // the polling of step 2 (connections that only read the greeting) cannot get 127.0.0.2 banned by the
            // polled node itself.
            environment["FtpServer__Defender__Threshold"] = "6";
            environment["FtpServer__Defender__ConnectionWithoutLoginWeight"] = "0";
            environment["FtpServer__Defender__RefreshInterval"] = "00:00:01";
            environment["FtpServer__Node__HeartbeatInterval"] = "00:00:01";
            const string profile = "FtpServer__Storage__Profiles__cluster__";
            environment[profile + "Kind"] = "S3";
            environment[profile + "Endpoint"] = Emulator("ASPNETFTP_TEST_S3_ENDPOINT");
            environment[profile + "Region"] = "us-east-1";
            environment[profile + "ForcePathStyle"] = "true";
            environment[profile + "Bucket"] = Emulator("ASPNETFTP_TEST_S3_BUCKET");
            environment[profile + "AccessKey"] = Emulator("ASPNETFTP_TEST_S3_ACCESS_KEY");
            environment[profile + "SecretKey"] = Emulator("ASPNETFTP_TEST_S3_SECRET_KEY");
            environment[profile + "Prefix"] = _prefix + "/{username}/";
            return environment;
        }
    }

    [ProviderFact]
    public async Task Two_nodes_behind_haproxy_share_files_bans_and_sessions_and_the_survivor_takes_new_sessions_when_one_is_killed()
    {
        string user = Scratch.Name("tn");
        string group = Scratch.Name("tng");
        Assert.True((await VerbAsync(["createuser", user, "--password-stdin"], TestAccounts.Password + "\n")).Succeeded);
        Assert.True((await VerbAsync(["createftpusergroup", group, "--storage", "cluster"])).Succeeded);
        Assert.True((await VerbAsync(["createftpuseraccount", user, group])).Succeeded);

        string large = Path.Combine(fixture.Directory, "large.bin");
        byte[] largeHash = await WriteRandomFileAsync(large, LargeFileSize);

        await using HostProcess a = await StartNodeAsync(NodeA, NodeAPort, "17100-17109");
        await using HostProcess b = await StartNodeAsync(NodeB, NodeBPort, "17110-17119");
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync(await WriteHaproxyConfigurationAsync(), FrontendPort, TimeSpan.FromMinutes(5));
        var nodes = new Dictionary<string, HostProcess> { [NodeA] = a, [NodeB] = b };
        string credentials = $"{user}:{TestAccounts.Password}";
        string balanced = $"ftp://127.0.0.1:{FrontendPort}/";
        try
        {
            // Step 1: an upload through HAProxy lands on one node; the other lists it and serves it byte for byte.
            var clock = Stopwatch.StartNew();
            ProcessResult upload = await ProcessRunner.CurlAsync("--user", credentials, "-T", large, balanced + "large.bin");
            double uploadSeconds = clock.Elapsed.TotalSeconds;
            Assert.True(upload.Succeeded, upload.ToString());
            string uploader = await ServedByAsync(nodes, user, 1);
            string other = uploader == NodeA ? NodeB : NodeA;
            int otherPort = other == NodeA ? NodeAPort : NodeBPort;
            output.WriteLine($"step 1: the 64 MiB upload through HAProxy landed on {uploader}: {Rate(uploadSeconds)}");

            // Straight to the other node with a PROXY v1 header on the control connection (curl's --haproxy-protocol
            // would put one on the data connection too, which this node, without ProxyProtocol:DataConnections, reads
            // as data).
            await using (RawFtpClient onOther = await DirectAsync(otherPort, "127.0.0.1"))
            {
                Assert.Equal(220, (await onOther.ReadReplyAsync()).Code);
                await onOther.LoginAsync(user, TestAccounts.Password);
                Assert.Equal(200, (await onOther.CommandAsync("TYPE I")).Code);
                Assert.Equal("large.bin", Encoding.UTF8.GetString(await onOther.DownloadAsync("NLST")).Trim());
                Assert.Equal(largeHash, SHA256.HashData(await onOther.DownloadAsync("RETR large.bin")));
            }

            await Eventually.TrueAsync(() => LoginsOn(nodes[other], user) == 1, TimeSpan.FromSeconds(20), $"the login on {other}");

            string throughBalancer = Path.Combine(fixture.Directory, "through-haproxy.bin");
            clock.Restart();
            ProcessResult download = await ProcessRunner.CurlAsync("--user", credentials, "-o", throughBalancer, balanced + "large.bin");
            double downloadSeconds = clock.Elapsed.TotalSeconds;
            Assert.True(download.Succeeded, download.ToString());
            Assert.Equal(largeHash, await HashAsync(throughBalancer));
            string downloader = await EventuallyAsync(() => nodes.FirstOrDefault(n => LoginsOn(n.Value, user) == 2).Key, "the node serving the download through HAProxy");
            output.WriteLine($"step 1: the 64 MiB download through HAProxy (from {downloader}): {Rate(downloadSeconds)}");

            // Step 2: two refused passwords from 127.0.0.2 through HAProxy ban it on the node that saw them; the other
            // node reads the ban from the database within Defender:RefreshInterval (1 s here) and refuses it at connect.
            await using (RawFtpClient intruder = await RawFtpClient.ConnectAsync("127.0.0.1", FrontendPort, Foreign))
            {
                Assert.Equal(220, intruder.Greeting.Code);
                Assert.Equal(530, (await intruder.AttemptLoginAsync(user, "wrong-password")).Code);
                Assert.Equal(530, (await intruder.AttemptLoginAsync(user, "wrong-password")).Code);
            }

            string banner = await EventuallyAsync(() => nodes.FirstOrDefault(n => n.Value.Output.Contains("Address 127.0.0.2 banned", StringComparison.Ordinal)).Key,
                "a node logging the ban of 127.0.0.2");
            string notBanner = banner == NodeA ? NodeB : NodeA;
            clock.Restart();
            await Eventually.TrueAsync(async () =>
                {
                    await using RawFtpClient probe = await DirectAsync(notBanner == NodeA ? NodeAPort : NodeBPort, "127.0.0.2");
                    return (await probe.ReadReplyAsync()).Code == 421;
                },
                TimeSpan.FromSeconds(20), $"421 from {notBanner} to 127.0.0.2");
            output.WriteLine($"step 2: banned on {banner}; {notBanner} refused 127.0.0.2 with 421 {clock.Elapsed.TotalSeconds:0.0} s later");
            for (int i = 0; i < 2; i++)
            {
                await using RawFtpClient refused = await RawFtpClient.ConnectAsync("127.0.0.1", FrontendPort, Foreign);
                Assert.Equal(421, refused.Greeting.Code);
            }

            // Step 3: a session on B, listed by node A's IFtpClusterSessions (a container named as node A on the same
            // database, as node A's admin runs it) and ended from there: the client on B gets 421.
            await using (RawFtpClient onB = await DirectAsync(NodeBPort, "127.0.0.1"))
            {
                Assert.Equal(220, (await onB.ReadReplyAsync()).Code);
                await onB.LoginAsync(user, TestAccounts.Password);
                await using ServiceProvider adminOfA = fixture.BuildServices(settings: new Dictionary<string, string?> { ["FtpServer:Node:Name"] = NodeA });
                FtpClusterSession listed = await EventuallyAsync(async () => (await ClusterAsync(adminOfA, c => c.ListSessionsAsync())).Sessions
                    .FirstOrDefault(s => s.Node == NodeB && s.UserName == user && s.Remote == onB.LocalEndPoint.ToString()), "B's session in A's list");
                clock.Restart();
                FtpDisconnectResult result = await ClusterAsync(adminOfA, c => c.RequestDisconnectAsync(NodeB, listed.Id, "twonode-test"));
                // Ended, or Pending when B's beat came later than the 3 s A waits (a loaded machine): B still runs it at
                // that beat, and the client's 421 below is what counts.
                Assert.Contains(result.Outcome, (FtpDisconnectOutcome[])[FtpDisconnectOutcome.Ended, FtpDisconnectOutcome.Pending]);
                FtpReply ended = await onB.ReadReplyAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(421, ended.Code);
                output.WriteLine($"step 3: session {listed.Id} on {NodeB} ended from {NodeA}'s IFtpClusterSessions ({result.Outcome}) in {clock.Elapsed.TotalSeconds:0.0} s");
            }

            // Step 4: node A is killed; logins through HAProxy go on (on B), every file is still there, A shows dead.
            int loginsOnB = LoginsOn(b, user);
            clock.Restart();
            await a.KillAsync();
            int failed = 0;
            double failover;
            while (true)
            {
                ProcessResult login = await ProcessRunner.CurlAsync("--max-time", "5", "--user", credentials, "--list-only", balanced);
                if (login.Succeeded)
                {
                    failover = clock.Elapsed.TotalSeconds;
                    Assert.Equal("large.bin", login.StdOut.Trim());
                    break;
                }

                failed++;
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"no login through HAProxy within 30 s of the kill ({failed} failed):\n{login}");
            }

            bool markedDown = await haproxy.WaitForOutputAsync("aspnetftp/node-a is DOWN", TimeSpan.FromSeconds(10));
            double detected = clock.Elapsed.TotalSeconds;
            Assert.True(markedDown, "HAProxy's check did not mark node-a down:\n" + haproxy.Output);
            output.WriteLine($"step 4: first login through HAProxy {failover:0.00} s after the kill ({failed} failed meanwhile); HAProxy marked node-a down by {detected:0.0} s");

            string afterKill = Path.Combine(fixture.Directory, "after-kill.bin");
            ProcessResult again = await ProcessRunner.CurlAsync("--user", credentials, "-o", afterKill, balanced + "large.bin");
            Assert.True(again.Succeeded, again.ToString());
            Assert.Equal(largeHash, await HashAsync(afterKill));
            for (int i = 0; i < 3; i++)
            {
                Assert.True((await ProcessRunner.CurlAsync("--user", credentials, "--list-only", balanced)).Succeeded);
            }

            // A is gone, so every login since the kill is B's (at least these five; a login counted as failed for
            // its 5 s limit may still have logged in).
            await Eventually.TrueAsync(() => LoginsOn(b, user) >= loginsOnB + 5, TimeSpan.FromSeconds(20), "every login since the kill on B");

            ProcessResult listed2 = await EventuallyAsync(async () =>
            {
                ProcessResult nodesList = await VerbAsync(["listftpnodes"]);
                return Regex.IsMatch(nodesList.StdOut, $"^{NodeA} +dead ", RegexOptions.Multiline) ? nodesList : null;
            }, "listftpnodes showing A dead");
            Assert.Matches(new Regex($"^{NodeB} +alive ", RegexOptions.Multiline), listed2.StdOut);
            output.WriteLine($"step 4: listftpnodes shows {NodeA} dead {clock.Elapsed.TotalSeconds:0.0} s after the kill");
            output.WriteLine($"sessions served: {NodeA} {LoginsOn(a, user)}, {NodeB} {LoginsOn(b, user)} logins of {user}");
        }
        catch
        {
            output.WriteLine("--- node A ---\n" + a.Output + "\n--- node B ---\n" + b.Output + "\n--- haproxy ---\n" + haproxy.Output);
            throw;
        }
    }

    [ProviderFact]
    public async Task The_scale_out_page_shows_the_haproxy_configuration_the_test_runs()
    {
        string configuration = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "haproxy", "aspnetftp.cfg"));
        string page = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "scale-out.md"));
        Assert.Contains("```haproxy\n" + configuration + "```\n", page, StringComparison.Ordinal);
    }

    private async Task<HostProcess> StartNodeAsync(string name, int port, string passivePorts)
    {
        Dictionary<string, string> environment = Environment;
        environment["FtpServer__Node__Name"] = name;
        return await HostProcess.StartOnAsync($"127.0.0.1:{port}", environment, fixture.Directory,
            "--proxy-protocol-from", "127.0.0.1/32", "--passive-ports", passivePorts, "--masquerade-address", "127.0.0.1");
    }

    /// <summary>The repository's HAProxy configuration with only the lines marked <c># address</c> pointed at this test's ports.</summary>
    private async Task<string> WriteHaproxyConfigurationAsync()
    {
        string source = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "haproxy", "aspnetftp.cfg"));
        string configuration = source
            .Replace("bind 203.0.113.10:21", $"bind 127.0.0.1:{FrontendPort}", StringComparison.Ordinal)
            .Replace("server node-a 10.0.0.11:2121", $"server node-a 127.0.0.1:{NodeAPort}", StringComparison.Ordinal)
            .Replace("server node-b 10.0.0.12:2121", $"server node-b 127.0.0.1:{NodeBPort}", StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(configuration, @"127\.0\.0\.1:1700[0-2]  # address").Count);
        string path = Path.Combine(fixture.Directory, "haproxy.cfg");
        await File.WriteAllTextAsync(path, configuration);
        return path;
    }

    /// <summary>
    /// A connection straight to a node (not through HAProxy) from 127.0.0.1, the trusted proxy, with a PROXY v1 header
    /// naming <paramref name="client"/> and this connection's own port; the caller reads the greeting.
    /// </summary>
    private static async Task<RawFtpClient> DirectAsync(int port, string client)
    {
        RawFtpClient connection = await RawFtpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        try
        {
            await connection.SendRawAsync(Encoding.ASCII.GetBytes($"PROXY TCP4 {client} 127.0.0.1 {connection.LocalEndPoint.Port} {FrontendPort}\r\n"), "PROXY v1");
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<T> ClusterAsync<T>(ServiceProvider services, Func<IFtpClusterSessions, Task<T>> work)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IFtpClusterSessions>());
    }

    /// <summary>The node whose log shows <paramref name="count"/> logins of <paramref name="user"/> (the console log is written asynchronously).</summary>
    private static async Task<string> ServedByAsync(Dictionary<string, HostProcess> nodes, string user, int count) =>
        await EventuallyAsync(() => nodes.FirstOrDefault(n => LoginsOn(n.Value, user) == count).Key, $"the node logging the login of {user}");

    private static int LoginsOn(HostProcess node, string user) =>
        Regex.Matches(node.Output, $"Login succeeded for {Regex.Escape(user)}$", RegexOptions.Multiline).Count;

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what) where T : class => await EventuallyAsync(() => Task.FromResult(probe()), what);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"waited 20 s for {what}");
            }

            await Task.Delay(100);
        }
    }

    private async Task<ProcessResult> VerbAsync(string[] arguments, string? standardInput = null)
    {
        ProcessResult result = await HostProcess.RunVerbAsync(Environment, fixture.Directory, arguments, standardInput);
        output.WriteLine($"$ {string.Join(' ', arguments)} -> {result.ExitCode}\n{result.StdOut.TrimEnd()}{(result.StdErr.Length > 0 ? "\n[stderr] " + result.StdErr.TrimEnd() : "")}");
        return result;
    }

    private static string Rate(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s, {LargeFileSize / 1048576.0 / seconds:0.0} MiB/s");

    private static async Task<byte[]> WriteRandomFileAsync(string path, int size)
    {
        var random = new Random(20261201);
        byte[] block = new byte[1024 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, useAsync: true);
        for (int written = 0; written < size; written += block.Length)
        {
            random.NextBytes(block);
            hash.AppendData(block);
            await file.WriteAsync(block);
        }

        return hash.GetHashAndReset();
    }

    private static async Task<byte[]> HashAsync(string path)
    {
        await using FileStream file = File.OpenRead(path);
        return await SHA256.HashDataAsync(file);
    }

    private static string Emulator(string variable) =>
        System.Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: scripts/test.sh starts the S3 emulator and sets it (or source its emulators.sh)");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AspNetFtp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AspNetFtp.slnx not found above " + AppContext.BaseDirectory);
    }
}
