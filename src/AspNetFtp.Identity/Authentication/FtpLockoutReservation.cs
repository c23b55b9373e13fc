namespace AspNetFtp.Identity.Authentication;

/// <summary>How a login attempt's reservation against the lockout went.</summary>
internal enum FtpLockoutReservation
{
    /// <summary>Counted as a failure until it succeeds; the password may be checked.</summary>
    Granted,

    /// <summary>The account is locked (or this attempt passed the limit and locked it); do not check the password.</summary>
    Locked,

    /// <summary>The user row no longer exists.</summary>
    Gone,
}
