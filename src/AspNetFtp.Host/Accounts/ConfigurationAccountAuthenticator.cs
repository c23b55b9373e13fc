using System.Security.Cryptography;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Accounts;

/// <summary>
/// Logins against <c>FtpServer:Users</c> (database-less use, like pyftpdlib's DummyAuthorizer), with
/// passwords checked by ASP.NET Core Identity's hasher. The stored hash is the credential version, so
/// a changed hash in configuration ends cached logins at once.
/// </summary>
public sealed class ConfigurationAccountAuthenticator : IFtpAuthenticator, ICredentialVersionSource
{
    private readonly IOptionsMonitor<ConfiguredAccountsOptions> _accounts;
    private readonly IPasswordHasher<ConfiguredFtpAccount> _hasher;

    // Verified against when the user does not exist, so an unknown name costs one hash, like a wrong password.
    // Made by this authenticator's own hasher, so it has the same algorithm and iteration count as the real ones.
    private readonly Lazy<string> _standInHash;

    public ConfigurationAccountAuthenticator(IOptionsMonitor<ConfiguredAccountsOptions> accounts, IPasswordHasher<ConfiguredFtpAccount>? hasher = null)
    {
        _accounts = accounts;
        _hasher = hasher ?? new PasswordHasher<ConfiguredFtpAccount>();
        _standInHash = new Lazy<string>(() => _hasher.HashPassword(new ConfiguredFtpAccount(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        ConfiguredFtpAccount? account = Find(request.UserName);
        PasswordVerificationResult verdict = _hasher.VerifyHashedPassword(account ?? new ConfiguredFtpAccount(), account?.PasswordHash ?? _standInHash.Value, request.Password);
        if (account is null || verdict == PasswordVerificationResult.Failed)
        {
            return ValueTask.FromResult(FtpAuthenticationResult.InvalidCredentials);
        }

        var user = new FtpUser(account.Name, Path.GetFullPath(account.HomeDirectory), FtpPermissionLetters.Parse(account.Permissions))
        {
            RequireTls = account.RequireTls,
            StorageProfile = string.IsNullOrWhiteSpace(account.StorageProfile) ? null : account.StorageProfile.Trim(),
        };
        return ValueTask.FromResult(FtpAuthenticationResult.Success(user));
    }

    public ValueTask<string?> GetCredentialVersionAsync(string userName, CancellationToken cancellationToken)
    {
        ConfiguredFtpAccount? account = Find(userName);
        return ValueTask.FromResult(account is null ? null : $"{account.PasswordHash}|{account.HomeDirectory}|{account.Permissions}|{account.StorageProfile}");
    }

    private ConfiguredFtpAccount? Find(string userName) =>
        _accounts.CurrentValue.Users.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.Ordinal));
}
