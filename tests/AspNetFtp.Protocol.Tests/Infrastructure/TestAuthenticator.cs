using System.Collections.Concurrent;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// Accepts "alice"/"secret" (and any account added with <see cref="AddUser"/>), counts its calls, and can be
/// told to fail every login with a given status.
/// </summary>
internal sealed class TestAuthenticator : IFtpAuthenticator
{
    public const string UserName = "alice";
    public const string Password = "secret";

    private readonly ConcurrentDictionary<string, (string Password, FtpUser User)> _accounts = new(StringComparer.Ordinal);
    private int _calls;

    public TestAuthenticator(string homeDirectory, FtpPermissions permissions = FtpPermissions.All)
    {
        AddUser(UserName, Password, homeDirectory, permissions);
    }

    /// <summary>When set, every login fails with this status.</summary>
    public FtpAuthenticationStatus? ForcedFailure { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The client address the last login attempt was made from, as the engine passed it.</summary>
    public System.Net.IPEndPoint? LastRemoteEndPoint { get; private set; }

    /// <param name="accountStamp">The <see cref="FtpUser.AccountStamp"/> logins of this user get; null: never rechecked.</param>
    public void AddUser(string name, string password, string homeDirectory, FtpPermissions permissions = FtpPermissions.All, string? accountStamp = null) =>
        _accounts[name] = (password, new FtpUser(name, homeDirectory, permissions) { AccountStamp = accountStamp });

    /// <summary>Adds (or replaces) an account whose login gives exactly <paramref name="user"/>.</summary>
    public void AddUser(FtpUser user, string password) => _accounts[user.Name] = (password, user);

    /// <summary>Changes the snapshot later logins of <paramref name="name"/> get (limits, upload mode).</summary>
    public void Change(string name, Func<FtpUser, FtpUser> change) =>
        _accounts.AddOrUpdate(name, _ => throw new KeyNotFoundException(name), (_, account) => (account.Password, change(account.User)));

    public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastRemoteEndPoint = request.RemoteEndPoint;
        if (ForcedFailure is { } status)
        {
            return ValueTask.FromResult(FtpAuthenticationResult.Failure(status));
        }

        return ValueTask.FromResult(
            _accounts.TryGetValue(request.UserName, out var account) && account.Password == request.Password
                ? FtpAuthenticationResult.Success(account.User)
                : FtpAuthenticationResult.InvalidCredentials);
    }
}
