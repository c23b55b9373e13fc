using AspNetFtp.Host.Data;
using Microsoft.AspNetCore.Identity;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>Identity's own PasswordHasher, counting how often the slow hash runs.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;
    private int _hashes;

    public int Verifications => Volatile.Read(ref _verifications);

    public int Hashes => Volatile.Read(ref _hashes);

    public string HashPassword(AppUser user, string password)
    {
        Interlocked.Increment(ref _hashes);
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
