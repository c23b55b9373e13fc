namespace AspNetFtp.Protocol.Abstractions;

/// <summary>Checks a login (USER/PASS, RFC 959 §4.1.1) and returns the user's snapshot for the session.</summary>
public interface IFtpAuthenticator
{
    /// <summary>Verifies the credentials. Never throws for bad credentials; returns a failure kind instead.</summary>
    ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken);
}
