namespace AspNetFtp.Protocol.Abstractions;

/// <summary>The outcome of <see cref="IFtpAuthenticator.AuthenticateAsync"/>.</summary>
public sealed class FtpAuthenticationResult
{
    private FtpAuthenticationResult(FtpAuthenticationStatus status, FtpUser? user)
    {
        Status = status;
        User = user;
    }

    /// <summary>Whether the login succeeded and, if not, why (logged and published; the client sees only 530 or 421).</summary>
    public FtpAuthenticationStatus Status { get; }

    /// <summary>The user snapshot; set only when <see cref="Status"/> is <see cref="FtpAuthenticationStatus.Succeeded"/>.</summary>
    public FtpUser? User { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="FtpAuthenticationStatus.Succeeded"/> (then <see cref="User"/> is set).</summary>
    public bool Succeeded => Status == FtpAuthenticationStatus.Succeeded;

    /// <summary>A successful login of <paramref name="user"/>, the snapshot the session keeps until logout.</summary>
    /// <param name="user">The logged-in user: name, home, permissions and limits.</param>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> is null.</exception>
    public static FtpAuthenticationResult Success(FtpUser user) =>
        new(FtpAuthenticationStatus.Succeeded, user ?? throw new ArgumentNullException(nameof(user)));

    /// <summary>A refused login with the reason <paramref name="status"/>.</summary>
    /// <param name="status">Any status but <see cref="FtpAuthenticationStatus.Succeeded"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="FtpAuthenticationStatus.Succeeded"/>.</exception>
    public static FtpAuthenticationResult Failure(FtpAuthenticationStatus status) =>
        status == FtpAuthenticationStatus.Succeeded
            ? throw new ArgumentException("A failure needs a failure status.", nameof(status))
            : new(status, null);

    /// <summary>Unknown user or wrong password: the client gets 530.</summary>
    public static readonly FtpAuthenticationResult InvalidCredentials = new(FtpAuthenticationStatus.InvalidCredentials, null);
    /// <summary>The account store could not answer (for example its database is down): the client gets 421 and is disconnected.</summary>
    public static readonly FtpAuthenticationResult ServiceUnavailable = new(FtpAuthenticationStatus.ServiceUnavailable, null);
}
