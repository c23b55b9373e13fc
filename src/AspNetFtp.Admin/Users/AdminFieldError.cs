namespace AspNetFtp.Admin.Users;

/// <summary>A validator's refusal, and the form field it belongs to (one of <see cref="AdminUserFields"/>, or empty for the form).</summary>
internal sealed record AdminFieldError(string Field, string Message);
