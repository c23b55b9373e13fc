namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// Implemented by an account store that can tell, for logged-in users, whether their account is still the one
/// they logged in with. At login the store sets <see cref="FtpUser.AccountStamp"/>; every
/// <c>Timeouts:AccountRecheck</c> the server asks for the current stamps of the users with open sessions and ends
/// the sessions whose stamp changed or is missing (<c>FtpServer:EndSessionsOnAccountChange</c>).
/// </summary>
public interface IFtpAccountStampSource
{
    /// <summary>
    /// The current stamp of each named user who may still log in. A user left out of the result (deleted, without
    /// an FTP account, locked out) has their sessions ended, so a store that cannot answer (database down) must
    /// throw rather than return fewer users.
    /// </summary>
    /// <param name="userNames">Distinct login names (<see cref="FtpUser.Name"/>) of the open sessions.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>Login name (as given) → its current stamp.</returns>
    ValueTask<IReadOnlyDictionary<string, string>> GetAccountStampsAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken);
}
