namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Gives a cheap version stamp of an account's credentials (a security stamp, a hash of the stored hash),
/// which changes whenever a password, lockout or anything else that must end cached logins changes.
/// </summary>
public interface ICredentialVersionSource
{
    /// <summary>The stamp, or null when the account does not exist (or the store cannot tell).</summary>
    ValueTask<string?> GetCredentialVersionAsync(string userName, CancellationToken cancellationToken);
}
