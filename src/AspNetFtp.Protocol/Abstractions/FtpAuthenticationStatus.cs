namespace AspNetFtp.Protocol.Abstractions;

/// <summary>Why a login succeeded or failed. Clients only ever learn "incorrect" or "unavailable".</summary>
public enum FtpAuthenticationStatus
{
    /// <summary>The credentials are valid and the user may log in.</summary>
    Succeeded,

    /// <summary>Unknown user, wrong password or no FTP account; the client gets 530.</summary>
    InvalidCredentials,

    /// <summary>The account is locked out after too many failed attempts; the client gets 530, as for a wrong password.</summary>
    LockedOut,

    /// <summary>The account may not sign in (for example an unconfirmed e-mail address or a disabled account); the client gets 530.</summary>
    NotAllowed,

    /// <summary>The account store could not be reached; the client gets 421 and the connection is closed.</summary>
    ServiceUnavailable,

    /// <summary>
    /// The credentials are valid but the account requires TLS (<see cref="FtpUser.RequireTls"/>) and the control
    /// connection is not protected; the engine refuses with 530 and says why. Set by the engine, not by stores.
    /// </summary>
    TlsRequired,
}
