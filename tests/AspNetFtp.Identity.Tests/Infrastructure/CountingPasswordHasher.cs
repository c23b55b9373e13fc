using System.Buffers.Binary;
using System.Collections.Concurrent;
using AspNetFtp.Host.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>
/// Identity's own PasswordHasher (optionally with its own iteration count), counting how often the slow hash runs
/// and remembering which hashes it made and which it was asked to verify.
/// </summary>
public sealed class CountingPasswordHasher(int? iterationCount = null) : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = iterationCount is { } iterations
        ? new(Options.Create(new PasswordHasherOptions { IterationCount = iterations }))
        : new();

    private readonly ConcurrentDictionary<string, byte> _made = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _verified = new();
    private int _verifications;
    private int _hashes;

    public int Verifications => Volatile.Read(ref _verifications);

    public int Hashes => Volatile.Read(ref _hashes);

    /// <summary>Every hash this hasher was asked to verify, in order.</summary>
    public IReadOnlyList<string> VerifiedHashes => [.. _verified];

    public bool Made(string hash) => _made.ContainsKey(hash);

    /// <summary>The PBKDF2 iteration count written in an Identity v3 hash (format byte, PRF, iterations, ...).</summary>
    public static int IterationsOf(string hash)
    {
        byte[] bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    public string HashPassword(AppUser user, string password)
    {
        Interlocked.Increment(ref _hashes);
        string hash = _inner.HashPassword(user, password);
        _made[hash] = 0;
        return hash;
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        _verified.Enqueue(hashedPassword);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
