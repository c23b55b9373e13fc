namespace AspNetFtp.Host.Data;

/// <summary>The first administrator's new password, and the owner-only file holding it when the output is not a terminal.</summary>
internal sealed record FirstAdministratorCredential(string Password, string? PasswordFile);
