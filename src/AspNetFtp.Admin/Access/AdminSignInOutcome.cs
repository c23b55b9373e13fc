namespace AspNetFtp.Admin.Access;

/// <summary>How a sign-in to the admin ended.</summary>
internal enum AdminSignInOutcome
{
    /// <summary>Signed in: an administrator with the right password.</summary>
    Succeeded,

    /// <summary>Unknown user or wrong password (the failure counts toward the account's lockout).</summary>
    Failed,

    /// <summary>The account is locked out (by the web app, FTP failures or an administrator).</summary>
    LockedOut,

    /// <summary>The application's sign-in rules refuse the account (unconfirmed e-mail, account or phone number).</summary>
    NotAllowed,

    /// <summary>The password was right, but the account is not in the administrator role.</summary>
    NotAdministrator,

    /// <summary>The password was right and the account has two-factor sign-in: the second factor is asked next, never skipped.</summary>
    TwoFactorRequired,
}
