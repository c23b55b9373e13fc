namespace AspNetFtp.Admin.Users;

/// <summary>What a change to a user did: done (with a notice), or refused with a message and the fields at fault.</summary>
internal sealed record AdminUserResult(bool Succeeded, string Message, IReadOnlyList<AdminFieldError> FieldErrors)
{
    public static AdminUserResult Done(string message) => new(true, message, []);

    public static AdminUserResult Refused(string message) => new(false, message, []);

    public static AdminUserResult Invalid(IReadOnlyList<AdminFieldError> errors) => new(false, AdminUsersText.NotSaved, errors);
}
