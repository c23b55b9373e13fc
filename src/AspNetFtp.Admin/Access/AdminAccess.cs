namespace AspNetFtp.Admin.Access;

/// <summary>What a request's Identity cookie allows in the admin.</summary>
internal enum AdminAccess
{
    /// <summary>No valid sign-in: no cookie, an expired one, a changed security stamp, a deleted or locked-out user.</summary>
    NotSignedIn,

    /// <summary>Signed in, but not in the administrator role.</summary>
    NotAdministrator,

    /// <summary>An administrator.</summary>
    Allowed,
}
