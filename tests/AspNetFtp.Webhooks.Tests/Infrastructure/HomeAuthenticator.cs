using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>Accepts alice with <see cref="Password"/>, home in the test's temporary directory, every permission.</summary>
internal sealed class HomeAuthenticator(string home) : IFtpAuthenticator
{
    public const string UserName = "alice";
    public const string Password = "alice-password";

    public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.UserName == UserName && request.Password == Password
            ? FtpAuthenticationResult.Success(new FtpUser(UserName, home, FtpPermissions.All))
            : FtpAuthenticationResult.InvalidCredentials);
}
