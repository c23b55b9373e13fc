namespace AspNetFtp.Protocol.Abstractions;

/// <summary>The outcome of <see cref="IFtpAuthenticator.AuthenticateAsync"/>.</summary>
public sealed class FtpAuthenticationResult
{
    private FtpAuthenticationResult(FtpAuthenticationStatus status, FtpUser? user)
    {
        Status = status;
        User = user;
    }

    public FtpAuthenticationStatus Status { get; }

    /// <summary>The user snapshot; set only when <see cref="Status"/> is <see cref="FtpAuthenticationStatus.Succeeded"/>.</summary>
    public FtpUser? User { get; }

    public bool Succeeded => Status == FtpAuthenticationStatus.Succeeded;

    public static FtpAuthenticationResult Success(FtpUser user) =>
        new(FtpAuthenticationStatus.Succeeded, user ?? throw new ArgumentNullException(nameof(user)));

    public static FtpAuthenticationResult Failure(FtpAuthenticationStatus status) =>
        status == FtpAuthenticationStatus.Succeeded
            ? throw new ArgumentException("A failure needs a failure status.", nameof(status))
            : new(status, null);

    public static readonly FtpAuthenticationResult InvalidCredentials = new(FtpAuthenticationStatus.InvalidCredentials, null);
    public static readonly FtpAuthenticationResult ServiceUnavailable = new(FtpAuthenticationStatus.ServiceUnavailable, null);
}
