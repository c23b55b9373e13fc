using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Authentication;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Authentication;

public sealed class CachingFtpAuthenticatorTests
{
    private const string Password = "correct horse battery staple";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 50000);

    private readonly TestAuthenticator _inner = new("/home/alice");
    private readonly VersionSource _versions = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public CachingFtpAuthenticatorTests()
    {
        _inner.AddUser("alice", Password, "/home/alice");
        _versions.Set("alice", "v1");
    }

    private CachingFtpAuthenticator Create(int capacity = 100) => new(_inner, _versions, Lifetime, capacity, _time);

    private static async Task<FtpAuthenticationResult> LoginAsync(IFtpAuthenticator authenticator, string user = "alice", string password = Password) =>
        await authenticator.AuthenticateAsync(new FtpLoginRequest(user, password, Client), CancellationToken.None);

    [Fact]
    public async Task A_second_login_with_the_same_credentials_does_not_call_the_inner_authenticator()
    {
        CachingFtpAuthenticator cache = Create();

        FtpAuthenticationResult first = await LoginAsync(cache);
        FtpAuthenticationResult second = await LoginAsync(cache);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal("alice", second.User!.Name);
        Assert.Equal(1, _inner.Calls);
    }

    [Fact]
    public async Task Concurrent_logins_with_the_same_credentials_share_one_verification()
    {
        var gated = new GatedAuthenticator(new FtpUser("alice", "/home/alice", AspNetFtp.Protocol.Security.FtpPermissions.All));
        var cache = new CachingFtpAuthenticator(gated, _versions, Lifetime, 100, _time);

        Task<FtpAuthenticationResult>[] logins = [.. Enumerable.Range(0, 20).Select(_ => LoginAsync(cache))];
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        gated.Release.SetResult();
        FtpAuthenticationResult[] results = await Task.WhenAll(logins).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, gated.Calls);
    }

    [Fact]
    public async Task Concurrent_logins_of_one_account_share_one_version_lookup()
    {
        var versions = new GatedVersionSource("v1");
        var cache = new CachingFtpAuthenticator(_inner, versions, Lifetime, 100, _time);
        await LoginAsync(cache);
        versions.Hold();

        Task<FtpAuthenticationResult>[] logins = [.. Enumerable.Range(0, 20).Select(_ => LoginAsync(cache))];
        await versions.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        versions.Release();
        FtpAuthenticationResult[] results = await Task.WhenAll(logins).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(2, versions.Calls);
        Assert.Equal(1, _inner.Calls);
    }

    private sealed class GatedVersionSource(string version) : ICredentialVersionSource
    {
        private TaskCompletionSource? _gate;
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate?.SetResult();

        public async ValueTask<string?> GetCredentialVersionAsync(string userName, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (_gate is { } gate)
            {
                Entered.TrySetResult();
                await gate.Task;
            }

            return version;
        }
    }

    private sealed class GatedAuthenticator(FtpUser user) : IFtpAuthenticator
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public async ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            await Release.Task;
            return FtpAuthenticationResult.Success(user);
        }
    }

    [Fact]
    public async Task A_login_verified_for_one_address_is_not_served_to_another_address()
    {
        var byAddress = new AddressBoundAuthenticator(new FtpUser("alice", "/home/alice", AspNetFtp.Protocol.Security.FtpPermissions.All), IPAddress.Loopback);
        var cache = new CachingFtpAuthenticator(byAddress, _versions, Lifetime, 100, _time);

        FtpAuthenticationResult home = await cache.AuthenticateAsync(new FtpLoginRequest("alice", Password, Client), CancellationToken.None);
        FtpAuthenticationResult foreign = await cache.AuthenticateAsync(
            new FtpLoginRequest("alice", Password, new IPEndPoint(IPAddress.Parse("127.0.0.2"), 50000)), CancellationToken.None);
        FtpAuthenticationResult mapped = await cache.AuthenticateAsync(
            new FtpLoginRequest("alice", Password, new IPEndPoint(IPAddress.Loopback.MapToIPv6(), 50001)), CancellationToken.None);

        Assert.Equal(FtpAuthenticationStatus.Succeeded, home.Status);
        Assert.Equal(FtpAuthenticationStatus.NotAllowed, foreign.Status);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, mapped.Status);
        Assert.Equal(2, byAddress.Calls);
    }

    /// <summary>Admits its one user from one address only, as an account store with an allowed-address list does.</summary>
    private sealed class AddressBoundAuthenticator(FtpUser user, IPAddress allowed) : IFtpAuthenticator
    {
        public int Calls { get; private set; }

        public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(request.RemoteEndPoint.Address.Equals(allowed)
                ? FtpAuthenticationResult.Success(user)
                : FtpAuthenticationResult.Failure(FtpAuthenticationStatus.NotAllowed));
        }
    }

    [Fact]
    public async Task A_wrong_password_is_never_served_from_the_cache()
    {
        CachingFtpAuthenticator cache = Create();
        await LoginAsync(cache);

        FtpAuthenticationResult wrong = await LoginAsync(cache, password: "wrong");

        Assert.False(wrong.Succeeded);
        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, wrong.Status);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task A_failed_login_is_not_cached()
    {
        CachingFtpAuthenticator cache = Create();

        await LoginAsync(cache, password: "wrong");
        await LoginAsync(cache, password: "wrong");

        Assert.Equal(2, _inner.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_changed_version_stamp_forces_verification_again()
    {
        CachingFtpAuthenticator cache = Create();
        await LoginAsync(cache);

        _versions.Set("alice", "v2");
        await LoginAsync(cache);

        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task A_password_change_takes_effect_at_once()
    {
        CachingFtpAuthenticator cache = Create();
        await LoginAsync(cache);

        _inner.AddUser("alice", "new password", "/home/alice");
        _versions.Set("alice", "v2");
        FtpAuthenticationResult old = await LoginAsync(cache);

        Assert.False(old.Succeeded);
    }

    [Fact]
    public async Task An_account_without_a_version_stamp_is_never_cached()
    {
        CachingFtpAuthenticator cache = Create();
        _versions.Set("alice", null);

        await LoginAsync(cache);
        await LoginAsync(cache);

        Assert.Equal(2, _inner.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task An_entry_is_served_until_just_before_its_lifetime_ends()
    {
        CachingFtpAuthenticator cache = Create();
        await LoginAsync(cache);

        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        await LoginAsync(cache);

        Assert.Equal(1, _inner.Calls);
    }

    [Fact]
    public async Task An_expired_entry_forces_verification_again()
    {
        CachingFtpAuthenticator cache = Create();
        await LoginAsync(cache);

        _time.Advance(Lifetime);
        await LoginAsync(cache);

        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task The_cache_never_holds_more_entries_than_its_capacity()
    {
        const int capacity = 3;
        CachingFtpAuthenticator cache = Create(capacity);
        for (int i = 0; i < 10; i++)
        {
            string user = $"user{i}";
            _inner.AddUser(user, Password, "/home/" + user);
            _versions.Set(user, "v1");

            Assert.True((await LoginAsync(cache, user)).Succeeded);
            Assert.InRange(cache.Count, 1, capacity);
        }
    }

    [Fact]
    public async Task A_full_cache_makes_room_by_dropping_expired_entries_first()
    {
        CachingFtpAuthenticator cache = Create(capacity: 2);
        _inner.AddUser("bob", Password, "/home/bob");
        _versions.Set("bob", "v1");
        _inner.AddUser("carol", Password, "/home/carol");
        _versions.Set("carol", "v1");
        await LoginAsync(cache, "alice");
        _time.Advance(Lifetime);
        await LoginAsync(cache, "bob");

        await LoginAsync(cache, "carol");
        int before = _inner.Calls;
        await LoginAsync(cache, "bob");

        Assert.Equal(2, cache.Count);
        Assert.Equal(before, _inner.Calls);
    }

    [Fact]
    public async Task The_cache_does_not_keep_the_plain_password()
    {
        CachingFtpAuthenticator cache = Create();
        await LoginAsync(cache);

        var entries = (IDictionary)typeof(CachingFtpAuthenticator)
            .GetField("_entries", BindingFlags.NonPublic | BindingFlags.Instance)!
            .GetValue(cache)!;
        Assert.True(entries.Count == 1, $"expected one entry, found {entries.Count}");
        IDictionaryEnumerator enumerator = entries.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        DictionaryEntry entry = enumerator.Entry;

        byte[] passwordBytes = Encoding.UTF8.GetBytes(Password);
        foreach (object? value in FieldValues(entry.Key).Concat(FieldValues(entry.Value!)))
        {
            Assert.False(value is string s && s.Contains(Password, StringComparison.Ordinal), "a cache field holds the password");
            Assert.False(value is byte[] b && b.AsSpan().IndexOf(passwordBytes) >= 0, "a cache field holds the password bytes");
        }
    }

    [Fact]
    public void A_capacity_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(capacity: 0));

    private static IEnumerable<object?> FieldValues(object instance) =>
        instance.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => f.GetValue(instance));

    private sealed class VersionSource : ICredentialVersionSource
    {
        private readonly Dictionary<string, string?> _versions = new(StringComparer.Ordinal);

        public void Set(string user, string? version)
        {
            lock (_versions)
            {
                _versions[user] = version;
            }
        }

        public ValueTask<string?> GetCredentialVersionAsync(string userName, CancellationToken cancellationToken)
        {
            lock (_versions)
            {
                return ValueTask.FromResult(_versions.GetValueOrDefault(userName));
            }
        }
    }
}
