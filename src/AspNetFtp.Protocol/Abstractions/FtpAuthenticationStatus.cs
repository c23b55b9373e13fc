namespace AspNetFtp.Protocol.Abstractions;

/// <summary>Why a login succeeded or failed. Clients only ever learn "incorrect" or "unavailable".</summary>
public enum FtpAuthenticationStatus
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    NotAllowed,
    ServiceUnavailable,
}
