using AspNetFtp.Identity.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary><c>listftpnodes</c> inside an embedding app, over node rows as heartbeats write them.</summary>
public sealed class NodeCommandsTests : IAsyncLifetime
{
    private EmbeddingApp _app = null!;

    public async Task InitializeAsync() => _app = await EmbeddedAccountCommandsTests.BuildStringKeyedAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Listftpnodes_lists_each_node_with_its_state_and_with_sessions_the_alive_node_sessions()
    {
        DateTime now = DateTime.UtcNow;
        await using (AsyncServiceScope scope = _app.App.Services.CreateAsyncScope())
        {
            TestAppDbContext db = scope.ServiceProvider.GetRequiredService<TestAppDbContext>();
            db.Set<FtpNode>().Add(new FtpNode
            {
                Name = "ftp-a", InstanceId = Guid.NewGuid(), Endpoints = "10.0.0.1:21", PassivePorts = "30000-30099",
                MasqueradeAddress = "203.0.113.10", Version = "1.0", StartedUtc = now.AddMinutes(-5), HeartbeatUtc = now,
            });
            db.Set<FtpNode>().Add(new FtpNode
            {
                Name = "ftp-b", InstanceId = Guid.NewGuid(), Endpoints = "10.0.0.2:21", Version = "1.0",
                StartedUtc = now.AddHours(-1), HeartbeatUtc = now.AddMinutes(-10), StoppedUtc = now.AddMinutes(-10),
            });
            db.Set<FtpNodeSession>().Add(new FtpNodeSession
            {
                NodeName = "ftp-a", SessionId = "s1", UserName = "alice", Remote = "198.51.100.4:50000", ConnectedUtc = now.AddMinutes(-1),
                LastCommand = "LIST", UpdatedUtc = now,
            });
            await db.SaveChangesAsync();
        }

        (int? exitCode, string stdout, string stderr) = await _app.RunAsync("listftpnodes", "--sessions");

        Assert.Equal((0, ""), (exitCode, stderr));
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^ftp-a +alive +1 .* 30000-30099 +203\.0\.113\.10 +10\.0\.0\.1:21$", lines[1]);
        Assert.Matches(@"^ftp-b +stopped +0 .* any +none +10\.0\.0\.2:21$", lines[2]);
        Assert.Matches(@"^ftp-a +s1 +alice +198\.51\.100\.4:50000 +no .* LIST$", lines[4]);
        Assert.Equal(5, lines.Length);
    }
}
