using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender;

namespace AspNetFtp.Protocol.Tests.Defender;

public sealed class FtpDefenderTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("203.0.113.8");

    [Fact]
    public async Task The_fifth_failed_login_within_the_window_bans_the_address_and_only_it()
    {
        await using var h = new DefenderHarness();
        for (int i = 0; i < 4; i++)
        {
            h.Defender.Score(Attacker, FtpScoreReason.FailedLogin);
        }

        Assert.False(h.Defender.IsBanned(Attacker));
        h.Defender.Score(Attacker, FtpScoreReason.FailedLogin);

        Assert.True(h.Defender.IsBanned(Attacker));
        Assert.False(h.Defender.IsBanned(Neighbour));
        AddressBanned banned = Assert.Single(h.Events.OfType<AddressBanned>());
        Assert.Equal("203.0.113.7", banned.Ban.Address);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromMinutes(30), banned.Ban.Expires);
        Assert.Equal(1, banned.Ban.Offences);
        Assert.Null(banned.Ban.CreatedBy);
    }

    [Fact]
    public async Task Points_older_than_the_observation_window_no_longer_count()
    {
        await using var h = new DefenderHarness();
        for (int i = 0; i < 4; i++)
        {
            h.Defender.Score(Attacker, FtpScoreReason.FailedLogin);
        }

        h.Time.Advance(TimeSpan.FromMinutes(30));
        h.Defender.Score(Attacker, FtpScoreReason.FailedLogin);

        Assert.False(h.Defender.IsBanned(Attacker));
        Assert.Equal(3, h.Events.OfType<AddressScored>().Last().Score);
    }

    [Fact]
    public async Task A_ban_ends_exactly_at_its_expiry()
    {
        await using var h = new DefenderHarness(o => o.BanTime = TimeSpan.FromMinutes(10));
        BanByFailedLogins(h, Attacker);

        h.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.True(h.Defender.IsBanned(Attacker));
        h.Time.Advance(TimeSpan.FromTicks(1));
        Assert.False(h.Defender.IsBanned(Attacker));
    }

    [Fact]
    public async Task Each_repeat_offence_doubles_the_ban_up_to_MaxBanTime()
    {
        await using var h = new DefenderHarness(o =>
        {
            o.BanTime = TimeSpan.FromMinutes(10);
            o.MaxBanTime = TimeSpan.FromMinutes(35);
        });
        var lengths = new List<TimeSpan>();
        for (int offence = 0; offence < 4; offence++)
        {
            DateTimeOffset start = h.Time.GetUtcNow();
            BanByFailedLogins(h, Attacker);
            FtpAddressBan ban = h.Events.OfType<AddressBanned>().Last().Ban;
            lengths.Add(ban.Expires!.Value - start);
            Assert.Equal(offence + 1, ban.Offences);
            h.Time.Advance(lengths[^1]);
            Assert.False(h.Defender.IsBanned(Attacker));
        }

        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(35), TimeSpan.FromMinutes(35)], lengths);
    }

    [Fact]
    public async Task An_offence_is_forgotten_once_the_ban_ended_more_than_MaxBanTime_ago()
    {
        await using var h = new DefenderHarness(o =>
        {
            o.BanTime = TimeSpan.FromMinutes(10);
            o.MaxBanTime = TimeSpan.FromHours(1);
        });
        BanByFailedLogins(h, Attacker);
        h.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await h.Defender.RefreshAsync(CancellationToken.None);

        BanByFailedLogins(h, Attacker);

        Assert.Equal(1, h.Events.OfType<AddressBanned>().Last().Ban.Offences);
    }

    [Fact]
    public async Task An_allow_listed_address_is_never_scored_nor_banned()
    {
        await using var h = new DefenderHarness(o => o.AllowList = ["203.0.113.0/28"]);
        for (int i = 0; i < 100; i++)
        {
            h.Defender.Score(Attacker, FtpScoreReason.FailedLogin);
        }

        await h.Defender.BanAsync("203.0.113.0/24", null, "by hand", "admin", CancellationToken.None);

        Assert.False(h.Defender.IsBanned(Attacker));
        Assert.Empty(h.Events.OfType<AddressScored>());
        Assert.True(h.Defender.IsBanned(IPAddress.Parse("203.0.113.100")));
    }

    [Fact]
    public async Task IPv6_addresses_of_one_prefix_share_one_score_and_one_ban()
    {
        await using var h = new DefenderHarness();
        for (int i = 1; i <= 5; i++)
        {
            h.Defender.Score(IPAddress.Parse($"2001:db8:1:2::{i}"), FtpScoreReason.FailedLogin);
        }

        Assert.True(h.Defender.IsBanned(IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.False(h.Defender.IsBanned(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("2001:db8:1:2::/64", h.Events.OfType<AddressBanned>().Single().Ban.Address);
    }

    [Fact]
    public async Task A_hand_made_CIDR_ban_covers_every_address_in_it_and_IPv4_mapped_forms()
    {
        await using var h = new DefenderHarness();
        FtpAddressBan ban = await h.Defender.BanAsync(" 198.51.100.77/24 ", TimeSpan.FromMinutes(5), "scanner", "root", CancellationToken.None);

        Assert.Equal("198.51.100.0/24", ban.Address);
        Assert.True(h.Defender.IsBanned(IPAddress.Parse("198.51.100.1")));
        Assert.True(h.Defender.IsBanned(IPAddress.Parse("::ffff:198.51.100.200")));
        Assert.False(h.Defender.IsBanned(IPAddress.Parse("198.51.101.1")));
        Assert.Equal("root", h.Events.OfType<AddressBanned>().Single().Ban.CreatedBy);
    }

    [Fact]
    public async Task A_permanent_ban_lasts_until_it_is_lifted()
    {
        await using var h = new DefenderHarness();
        await h.Defender.BanAsync("203.0.113.7", null, "", "root", CancellationToken.None);
        h.Time.Advance(TimeSpan.FromDays(3000));
        Assert.True(h.Defender.IsBanned(Attacker));

        Assert.True(await h.Defender.LiftAsync("203.0.113.7", "root", CancellationToken.None));

        Assert.False(h.Defender.IsBanned(Attacker));
        Assert.Equal("root", h.Events.OfType<AddressBanLifted>().Single().LiftedBy);
        Assert.Empty(await h.Store.ListAsync(h.Time.GetUtcNow(), CancellationToken.None));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("10.1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    public async Task A_ban_of_something_that_is_not_an_address_is_refused(string address)
    {
        await using var h = new DefenderHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Defender.BanAsync(address, null, "x", "root", CancellationToken.None));
    }

    [Fact]
    public async Task The_scoreboard_never_holds_more_than_MaxTrackedAddresses()
    {
        await using var h = new DefenderHarness(o => o.MaxTrackedAddresses = 100);
        for (int i = 0; i < 5000; i++)
        {
            h.Defender.Score(new IPAddress(0x0A000000u + (uint)i), FtpScoreReason.CommandError);
        }

        Assert.InRange(h.Defender.TrackedAddresses, 1, 100);
    }

    [Fact]
    public async Task Points_are_counted_by_reason_and_bans_by_who_made_them()
    {
        await using var h = new DefenderHarness();
        h.Defender.Score(Attacker, FtpScoreReason.RefusedDataConnection);
        BanByFailedLogins(h, Neighbour);
        await h.Defender.BanAsync("192.0.2.1", null, "x", "root", CancellationToken.None);

        Assert.Equal(5, h.Metrics.Of("ftp.defender.points").Where(m => (string?)m.Tags["reason"] == "refused_data_connection").Sum(m => m.Value));
        Assert.Equal(15, h.Metrics.Of("ftp.defender.points").Where(m => (string?)m.Tags["reason"] == "failed_login").Sum(m => m.Value));
        Assert.Equal(["defender", "administrator"], h.Metrics.Of("ftp.defender.bans").Select(m => (string?)m.Tags["by"]));
    }

    [Fact]
    public async Task A_failing_store_never_throws_and_bans_nobody_but_the_offender()
    {
        var store = new FailingBanStore();
        await using var h = new DefenderHarness(store: store);
        await h.Defender.StartAsync(CancellationToken.None);
        BanByFailedLogins(h, Attacker);
        await h.Defender.RefreshAsync(CancellationToken.None);

        Assert.True(h.Defender.IsBanned(Attacker));
        Assert.False(h.Defender.IsBanned(Neighbour));
        Assert.True(store.Calls >= 3);
        Assert.Equal([Attacker.ToString()], (await h.Defender.ListActiveAsync(CancellationToken.None)).Select(b => b.Address));
        Assert.True(h.Metrics.Of("ftp.defender.store_failures").Count >= 3);
    }

    [Fact]
    public async Task A_ban_made_on_one_node_is_enforced_by_another_after_its_refresh()
    {
        var shared = new InMemoryFtpBanStore();
        await using var first = new DefenderHarness(store: shared);
        await using var second = new DefenderHarness(store: shared, time: first.Time);
        await second.Defender.StartAsync(CancellationToken.None);

        BanByFailedLogins(first, Attacker);
        await WaitForAsync(async () => (await shared.FindAsync(Attacker.ToString(), CancellationToken.None)) is not null);
        Assert.False(second.Defender.IsBanned(Attacker));

        first.Time.Advance(second.Options.RefreshInterval);
        await WaitForAsync(() => Task.FromResult(second.Defender.IsBanned(Attacker)));
    }

    [Fact]
    public async Task A_lift_on_one_node_reaches_another_after_its_refresh()
    {
        var shared = new InMemoryFtpBanStore();
        await using var first = new DefenderHarness(store: shared);
        await using var second = new DefenderHarness(store: shared, time: first.Time);
        await first.Defender.BanAsync("203.0.113.7", null, "x", "root", CancellationToken.None);
        await second.Defender.StartAsync(CancellationToken.None);
        Assert.True(second.Defender.IsBanned(Attacker));

        await first.Defender.LiftAsync("203.0.113.7", "root", CancellationToken.None);
        first.Time.Advance(second.Options.RefreshInterval);

        await WaitForAsync(() => Task.FromResult(!second.Defender.IsBanned(Attacker)));
        Assert.Empty(second.Events.OfType<AddressBanLifted>());
    }

    [Fact]
    public async Task A_switched_off_defender_scores_and_refuses_nobody()
    {
        await using var h = new DefenderHarness(o => o.Enabled = false);
        for (int i = 0; i < 10; i++)
        {
            h.Defender.Score(Attacker, FtpScoreReason.FailedLogin);
        }

        await h.Defender.BanAsync("203.0.113.7", null, "x", "root", CancellationToken.None);

        Assert.False(h.Defender.IsBanned(Attacker));
        Assert.Empty(h.Events.OfType<AddressScored>());
    }

    private static void BanByFailedLogins(DefenderHarness h, IPAddress address)
    {
        for (int i = 0; i < 5; i++)
        {
            h.Defender.Score(address, FtpScoreReason.FailedLogin);
        }

        Assert.True(h.Defender.IsBanned(address));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
