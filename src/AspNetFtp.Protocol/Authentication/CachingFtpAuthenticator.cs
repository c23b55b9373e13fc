using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Authentication;

/// <summary>
/// A decorator that remembers verified credentials for a short time, so repeated logins (clients that open
/// a session per file) skip the deliberately slow password hash. An entry is keyed by the user name and a
/// keyed hash of the password (never the password itself) and is only honoured while the account store's
/// version stamp is unchanged, so a password change or lockout takes effect at once.
/// </summary>
public sealed class CachingFtpAuthenticator : IFtpAuthenticator
{
    private readonly IFtpAuthenticator _inner;
    private readonly ICredentialVersionSource _versions;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _capacity;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<CacheKey, CacheEntry> _entries = new();
    private readonly ConcurrentDictionary<CacheKey, Task<FtpAuthenticationResult>> _inFlight = new();
    private readonly ConcurrentDictionary<string, Task<string?>> _versionLookups = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="inner"/> with a cache of verified credentials.</summary>
    /// <param name="inner">The account store that verifies passwords.</param>
    /// <param name="versions">Gives each user's current version stamp; an entry counts only while it is unchanged.</param>
    /// <param name="lifetime">How long a verified credential is remembered (<c>CredentialCacheLifetime</c>, 300 seconds by default).</param>
    /// <param name="capacity">The most entries held at once (<c>CredentialCacheSize</c>); must be positive.</param>
    /// <param name="time">The clock of <paramref name="lifetime"/>; the system clock when null.</param>
    public CachingFtpAuthenticator(IFtpAuthenticator inner, ICredentialVersionSource versions, TimeSpan lifetime, int capacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacity, 0);
        _inner = inner;
        _versions = versions;
        _lifetime = lifetime;
        _capacity = capacity;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Entries held now.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Answers from the cache when the same name and password were verified within the lifetime and the user's
    /// version stamp is unchanged; otherwise asks the inner authenticator (one call for concurrent equal logins)
    /// and remembers a success.
    /// </summary>
    public async ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        // Keyed by the client's address too: an account store may admit a login from one address and not another
        // (allowed/denied address lists), so a verification made for one address is never reused for another.
        var key = new CacheKey(request.UserName, request.RemoteEndPoint.Address, KeyedHash(request.UserName, request.Password));
        string? version = await GetVersionAsync(request.UserName, cancellationToken);
        DateTimeOffset now = _time.GetUtcNow();
        if (version is not null && _entries.TryGetValue(key, out CacheEntry? hit))
        {
            if (hit.Version == version && hit.ExpiresAt > now)
            {
                return FtpAuthenticationResult.Success(hit.User);
            }

            _entries.TryRemove(new KeyValuePair<CacheKey, CacheEntry>(key, hit));
        }

        // Logins with the same credentials that arrive together (a fleet of scanners on one account) share
        // one verification instead of each paying for the password hash.
        return await ShareAsync(_inFlight, key, async () =>
        {
            FtpAuthenticationResult result = await _inner.AuthenticateAsync(request, cancellationToken);
            if (result.Succeeded && version is not null)
            {
                MakeRoom(now);
                _entries[key] = new CacheEntry(version, result.User!, now + _lifetime);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Logins of one account that arrive while its version is being read share that read, so a burst of
    /// logins costs one store query, not one each. The shared read started at most one query's duration earlier.
    /// </summary>
    private Task<string?> GetVersionAsync(string userName, CancellationToken cancellationToken) =>
        ShareAsync(_versionLookups, userName, () => _versions.GetCredentialVersionAsync(userName, cancellationToken).AsTask(), cancellationToken);

    /// <summary>Runs <paramref name="work"/> once for all callers that ask for the same key while it runs.</summary>
    private static async Task<TValue> ShareAsync<TKey, TValue>(
        ConcurrentDictionary<TKey, Task<TValue>> running, TKey key, Func<Task<TValue>> work, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var mine = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TValue> shared = running.GetOrAdd(key, mine.Task);
        if (shared != mine.Task)
        {
            return await shared.WaitAsync(cancellationToken);
        }

        try
        {
            TValue value = await work();
            mine.SetResult(value);
            return value;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            throw;
        }
        finally
        {
            running.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, mine.Task));
        }
    }

    /// <summary>Forgets every cached credential (for example after a bulk account change).</summary>
    public void Clear() => _entries.Clear();

    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < _capacity)
        {
            return;
        }

        foreach (KeyValuePair<CacheKey, CacheEntry> entry in _entries)
        {
            if (entry.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(entry);
            }
        }

        // Still full of live entries: drop everything rather than grow without bound.
        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }
    }

    private byte[] KeyedHash(string userName, string password)
    {
        byte[] data = Encoding.UTF8.GetBytes(userName + "\0" + password);
        try
        {
            return HMACSHA256.HashData(_key, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    private sealed record CacheEntry(string Version, FtpUser User, DateTimeOffset ExpiresAt);

    private readonly struct CacheKey(string userName, IPAddress address, byte[] passwordHash) : IEquatable<CacheKey>
    {
        private readonly string _userName = userName;
        private readonly IPAddress _address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        private readonly byte[] _passwordHash = passwordHash;

        public bool Equals(CacheKey other) =>
            string.Equals(_userName, other._userName, StringComparison.Ordinal)
            && _address.Equals(other._address)
            && CryptographicOperations.FixedTimeEquals(_passwordHash, other._passwordHash);

        public override bool Equals(object? obj) => obj is CacheKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(_userName), _address, BitConverter.ToInt32(_passwordHash, 0));
    }
}
