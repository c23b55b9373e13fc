using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Storage.Azure.Tests.Server;

/// <summary>Fixed accounts, password "secret", each on the storage profile its entry names.</summary>
internal sealed class UserAccounts(IReadOnlyDictionary<string, string> profiles) : IFtpAuthenticator
{
    public const string Password = "secret";

    public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(profiles.TryGetValue(request.UserName, out string? profile) && request.Password == Password
            ? FtpAuthenticationResult.Success(new FtpUser(request.UserName, "/unused", FtpPermissions.All) { StorageProfile = profile })
            : FtpAuthenticationResult.InvalidCredentials);
}
