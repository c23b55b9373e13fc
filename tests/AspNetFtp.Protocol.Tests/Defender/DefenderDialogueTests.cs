using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Defender;

/// <summary>The defender in a running server: guessing and scanning from 127.0.0.2 get it banned at accept; 127.0.0.1 goes on.</summary>
public sealed class DefenderDialogueTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("127.0.0.2");
    private static readonly int DefaultThreshold = new FtpDefenderOptions().Threshold;
    private const string BannedReply = "421 Service not available: this address is banned.";

    [Fact]
    public async Task Password_guessing_from_127_0_0_2_gets_it_421_at_connect_while_127_0_0_1_still_logs_in()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Defender.Enabled = true);

        int guesses = await GuessUntilRefusedAsync(server, Guesser);

        Assert.Equal(5, guesses);
        await using (RawFtpClient refused = await RawFtpClient.ConnectAsync(server.EndPoint, Guesser))
        {
            Assert.Equal(BannedReply, (await refused.ReadReplyAsync()).Text);
            Assert.True(await refused.IsClosedByServerAsync());
        }

        await using RawFtpClient good = await server.LoginAsync();
        await good.ExpectAsync("NOOP", 200);
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.OfType<AddressBanned>().Any());
        Assert.Equal("127.0.0.2", events.OfType<AddressBanned>().Single().Ban.Address);
    }

    [Fact]
    public async Task The_session_whose_guess_brings_the_ban_gets_421_after_its_530_and_is_closed()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.Defender.Enabled = true;
            o.Defender.Threshold = 6;
        });
        await using RawFtpClient client = await server.ConnectAsync(Guesser);
        await client.ExpectAsync("USER " + TestAuthenticator.UserName, 331);
        await client.ExpectAsync("PASS one", 530);
        await client.ExpectAsync("USER " + TestAuthenticator.UserName, 331);

        FtpReply refused = await client.CommandAsync("PASS two");

        Assert.Equal(530, refused.Code);
        Assert.Equal(BannedReply, (await client.ReadReplyAsync()).Text);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Command_errors_of_a_logged_in_session_are_not_scored()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Defender.Enabled = true);
        await using RawFtpClient client = await server.LoginAsync(Guesser);

        await client.ExpectAsync("XYZZY", 500);
        await client.ExpectAsync("DELE", 501);
        await client.ExpectAsync("QUIT", 221);

        Assert.True(await client.IsClosedByServerAsync());
        await server.Events.WaitForAsync(e => e.OfType<ClientDisconnected>().Any());
        Assert.DoesNotContain(server.Events.Events, e => e is AddressScored);
    }

    [Fact]
    public async Task An_allow_listed_address_is_never_banned_however_often_it_fails()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.Defender.Enabled = true;
            o.Defender.AllowList = ["127.0.0.0/30"];
        });

        for (int i = 0; i < 10; i++)
        {
            await using RawFtpClient client = await server.ConnectAsync(Guesser);
            await client.ExpectAsync("USER " + TestAuthenticator.UserName, 331);
            await client.ExpectAsync("PASS wrong", 530);
        }

        await using RawFtpClient after = await server.LoginAsync(Guesser);
        await after.ExpectAsync("NOOP", 200);
        Assert.DoesNotContain(server.Events.Events, e => e is AddressScored or AddressBanned);
    }

    [Fact]
    public async Task A_flood_of_connections_without_login_gets_the_address_banned()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Defender.Enabled = true);

        for (int i = 0; i < 15; i++)
        {
            await using RawFtpClient client = await server.ConnectAsync(Guesser);
            await client.ExpectAsync("QUIT", 221);
            Assert.True(await client.IsClosedByServerAsync());
            // The point is given as the session ends; wait for it so the next connection is not raced.
            await server.Events.WaitForAsync(e => e.OfType<AddressScored>().Count() == i + 1);
        }

        await using RawFtpClient refused = await RawFtpClient.ConnectAsync(server.EndPoint, Guesser);
        Assert.Equal(421, (await refused.ReadReplyAsync()).Code);
        Assert.All(server.Events.Events.OfType<AddressScored>(), e => Assert.Equal(FtpScoreReason.ConnectionWithoutLogin, e.Reason));
    }

    [Fact]
    public async Task Unknown_commands_and_commands_before_login_score_as_command_errors()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Defender.Enabled = true);
        await using RawFtpClient client = await server.ConnectAsync(Guesser);

        await client.ExpectAsync("XYZZY", 500);
        await client.ExpectAsync("LIST", 530);

        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.OfType<AddressScored>().Count() == 2);
        Assert.Equal([1, 2], events.OfType<AddressScored>().Select(e => e.Score));
        Assert.All(events.OfType<AddressScored>(), e => Assert.Equal(FtpScoreReason.CommandError, e.Reason));
    }

    [Fact]
    public async Task A_connection_to_a_passive_port_from_another_address_scores_that_address()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Defender.Enabled = true);
        await using RawFtpClient client = await server.LoginAsync();
        IPEndPoint data = await client.PassiveAsync();

        using System.Net.Sockets.Socket thief = await RawFtpClient.ConnectSocketAsync(data, Guesser);

        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.OfType<AddressScored>().Any());
        AddressScored scored = events.OfType<AddressScored>().Single();
        Assert.Equal(("127.0.0.2", FtpScoreReason.RefusedDataConnection, 5), (scored.Address, scored.Reason, scored.Points));
    }

    /// <summary>Wrong passwords from <paramref name="from"/>, reconnecting when the session closes, until a connection gets 421; the number of guesses.</summary>
    private static async Task<int> GuessUntilRefusedAsync(TestFtpServer server, IPAddress from)
    {
        int guesses = 0;
        for (int connection = 0; connection < 20; connection++)
        {
            await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint, from);
            FtpReply greeting = await client.ReadReplyAsync();
            if (greeting.Code == 421)
            {
                return guesses;
            }

            for (int i = 0; i < 3; i++)
            {
                await client.ExpectAsync("USER " + TestAuthenticator.UserName, 331);
                await client.ExpectAsync("PASS guess" + guesses, 530);
                guesses++;
                // The score is published a moment before the ban it brings: wait for both when the score reached the threshold.
                IReadOnlyList<FtpEvent> seen = await server.Events.WaitForAsync(e =>
                    e.OfType<AddressScored>().Where(s => s.Reason == FtpScoreReason.FailedLogin).ToList() is { } scored
                    && scored.Count == guesses
                    && (scored[^1].Score < DefaultThreshold || e.OfType<AddressBanned>().Any()));
                if (seen.OfType<AddressBanned>().Any())
                {
                    break;
                }
            }
        }

        throw new InvalidOperationException("never refused");
    }
}
