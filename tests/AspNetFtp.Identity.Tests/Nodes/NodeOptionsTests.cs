using AspNetFtp.Identity.Nodes;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Nodes;

/// <summary><c>FtpServer:Node</c> checked at start, each failure naming its key.</summary>
public sealed class NodeOptionsTests
{
    private static string[] Failures(FtpNodeOptions options) =>
        [.. new FtpNodeOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void The_defaults_pass_and_name_the_node_after_the_machine_with_three_intervals_to_dead()
    {
        var options = new FtpNodeOptions();

        Assert.Empty(Failures(options));
        Assert.Equal((Environment.MachineName, TimeSpan.FromSeconds(6)), (options.EffectiveName, options.EffectiveDeadAfter));
    }

    [Fact]
    public void A_name_longer_than_64_characters_is_refused_naming_the_setting()
    {
        Assert.StartsWith("FtpServer:Node:Name must be at most 64 characters", Assert.Single(Failures(new FtpNodeOptions { Name = new string('n', 65) })), StringComparison.Ordinal);
    }

    [Fact]
    public void A_heartbeat_interval_outside_100_ms_to_1_minute_is_refused_naming_the_setting()
    {
        Assert.Equal("FtpServer:Node:HeartbeatInterval must be between 00:00:00.100 and 00:01:00.",
            Assert.Single(Failures(new FtpNodeOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(99) })));
    }

    [Fact]
    public void A_dead_after_shorter_than_two_intervals_is_refused_naming_the_setting()
    {
        Assert.StartsWith("FtpServer:Node:DeadAfter must be at least two heartbeat intervals",
            Assert.Single(Failures(new FtpNodeOptions { HeartbeatInterval = TimeSpan.FromSeconds(2), DeadAfter = TimeSpan.FromSeconds(3) })), StringComparison.Ordinal);
    }
}
