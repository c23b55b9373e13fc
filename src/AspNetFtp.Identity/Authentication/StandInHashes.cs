using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace AspNetFtp.Identity.Authentication;

/// <summary>
/// The hash a refused login verifies instead of a real one (unknown user, no FTP account, locked, not allowed to
/// sign in, no password to check), so every failed login costs one hash whatever the reason. Each stand-in is made
/// by the application's own hasher, so it carries the same algorithm and iteration count as real hashes. Kept per
/// hasher type: Identity registers its hasher per scope, and its settings cannot change within one container.
/// </summary>
internal sealed class StandInHashes<TUser>
    where TUser : class
{
    private readonly ConcurrentDictionary<Type, Lazy<string>> _hashes = new();
    private readonly Lazy<TUser> _nobody = new(Activator.CreateInstance<TUser>);

    /// <summary>A user object for hashing when there is no user (Identity's hasher does not look at it).</summary>
    public TUser Nobody => _nobody.Value;

    /// <summary>Verifies <paramref name="password"/> against the stand-in of <paramref name="hasher"/>: one hash, always a failure.</summary>
    public void Verify(IPasswordHasher<TUser> hasher, TUser? user, string password)
    {
        string standIn = _hashes.GetOrAdd(hasher.GetType(), _ => new Lazy<string>(() =>
            hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))))).Value;
        hasher.VerifyHashedPassword(user ?? Nobody, standIn, password);
    }
}
