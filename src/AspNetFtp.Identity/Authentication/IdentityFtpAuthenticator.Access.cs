using System.Net;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Logging;

namespace AspNetFtp.Identity.Authentication;

/// <content>The account's access rules, checked before the password: expiry, then the group's and the account's address lists.</content>
public partial class IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext>
{
    /// <summary>
    /// True when the account may log in from <paramref name="address"/> now: not expired, not in a denied list of its
    /// group or its own (denied wins), and inside every allowed list that is not empty. Lists are checked when saved; one
    /// that cannot be read anyway (written behind the manager's back) refuses the login and is logged.
    /// </summary>
    private bool Admits(TAccount account, string userName, IPAddress address, DateTimeOffset now)
    {
        if (account.ExpiresUtc is { } expires && DateTime.SpecifyKind(expires, DateTimeKind.Utc) <= now.UtcDateTime)
        {
            return false;
        }

        if (!FtpAddressRules.TryParse(account.Group!.AllowedAddresses, out FtpAddressRules? groupAllowed, out _)
            || !FtpAddressRules.TryParse(account.Group.DeniedAddresses, out FtpAddressRules? groupDenied, out _)
            || !FtpAddressRules.TryParse(account.AllowedAddresses, out FtpAddressRules? accountAllowed, out _)
            || !FtpAddressRules.TryParse(account.DeniedAddresses, out FtpAddressRules? accountDenied, out _))
        {
            IdentityLog.AddressRulesUnreadable(_logger, userName);
            return false;
        }

        return FtpAddressRules.Admits(address, [(groupAllowed, groupDenied), (accountAllowed, accountDenied)]);
    }
}
