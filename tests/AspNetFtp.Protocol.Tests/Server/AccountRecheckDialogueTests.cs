using System.Collections.Concurrent;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Server;

/// <summary>
/// Issue 8: open sessions of an account that changed (another stamp, or none: deleted, locked) end with 421 within
/// <c>Timeouts:AccountRecheck</c>; a store that fails ends nobody's session.
/// </summary>
public sealed class AccountRecheckDialogueTests
{
    private const string Bob = "bob";
    private const string BobPassword = "builder";

    /// <summary>Answers with the stamps it holds; counts its calls; fails every call while <see cref="Failing"/>.</summary>
    private sealed class StampStore : IFtpAccountStampSource
    {
        private int _calls;

        public ConcurrentDictionary<string, string> Stamps { get; } = new(StringComparer.Ordinal);

        public bool Failing { get; set; }

        /// <summary>Completes once the store has been asked (and has answered or failed) this many times.</summary>
        public TaskCompletionSource CalledThreeTimes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<IReadOnlyDictionary<string, string>> GetAccountStampsAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken)
        {
            try
            {
                if (Failing)
                {
                    throw new InvalidOperationException("the account database is down");
                }

                IReadOnlyDictionary<string, string> found = userNames.Where(Stamps.ContainsKey).ToDictionary(n => n, n => Stamps[n], StringComparer.Ordinal);
                return ValueTask.FromResult(found);
            }
            finally
            {
                if (Interlocked.Increment(ref _calls) == 3)
                {
                    CalledThreeTimes.TrySetResult();
                }
            }
        }
    }

    private static async Task<(TestFtpServer Server, RawFtpClient Client)> LoginBobAsync(StampStore store, bool endSessions = true)
    {
        store.Stamps[Bob] = "stamp-1";
        TestFtpServer server = await TestFtpServer.StartAsync(
            configure: o =>
            {
                o.EndSessionsOnAccountChange = endSessions;
                o.Timeouts.AccountRecheck = TimeSpan.FromMilliseconds(50);
            },
            accountStamps: store);
        server.Authenticator.AddUser(Bob, BobPassword, server.Home.Path, accountStamp: "stamp-1");
        RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(331, (await client.CommandAsync("USER " + Bob)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + BobPassword)).Code);
        return (server, client);
    }

    [Fact]
    public async Task A_session_ends_with_421_once_the_store_reports_another_stamp_for_its_account()
    {
        var store = new StampStore();
        (TestFtpServer server, RawFtpClient client) = await LoginBobAsync(store);
        await using (server)
        await using (client)
        {
            store.Stamps[Bob] = "stamp-2";

            Assert.Equal("421 Account changed; log in again.", (await client.ReadReplyAsync()).ToString());
        }
    }

    [Fact]
    public async Task A_session_ends_with_421_once_the_store_no_longer_knows_its_account()
    {
        var store = new StampStore();
        (TestFtpServer server, RawFtpClient client) = await LoginBobAsync(store);
        await using (server)
        await using (client)
        {
            store.Stamps.TryRemove(Bob, out _);

            Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        }
    }

    [Fact]
    public async Task A_failing_account_store_ends_no_session()
    {
        var store = new StampStore { Failing = true };
        (TestFtpServer server, RawFtpClient client) = await LoginBobAsync(store);
        await using (server)
        await using (client)
        {
            await store.CalledThreeTimes.Task.WaitAsync(RawFtpClient.Timeout);

            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        }
    }

    [Fact]
    public async Task Sessions_without_an_account_stamp_are_never_rechecked_and_alice_stays()
    {
        var store = new StampStore();
        (TestFtpServer server, RawFtpClient bob) = await LoginBobAsync(store);
        await using (server)
        await using (bob)
        await using (RawFtpClient alice = await server.LoginAsync())
        {
            store.Stamps[Bob] = "stamp-2";
            Assert.Equal(421, (await bob.ReadReplyAsync()).Code);

            Assert.Equal(200, (await alice.CommandAsync("NOOP")).Code);
        }
    }
}
