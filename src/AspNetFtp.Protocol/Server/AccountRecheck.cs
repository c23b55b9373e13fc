using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Session;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// Ends the sessions of accounts that changed since their login (<c>FtpServer:EndSessionsOnAccountChange</c>):
/// every <c>Timeouts:AccountRecheck</c> one call to the store for the distinct users with open sessions, then
/// 421 (426 for a running transfer) to each session whose <see cref="FtpUser.AccountStamp"/> is no longer the
/// store's. A store that fails ends nothing (a database outage must not log everyone out); the next round retries.
/// </summary>
internal sealed class AccountRecheck(FtpSessionRegistry sessions, IFtpAccountStampSource store, TimeSpan interval, TimeProvider time, ILogger logger)
{
    /// <summary>Most user names asked for in one call to the store.</summary>
    internal const int BatchSize = 500;

    /// <summary>Rechecks every <c>interval</c> until <paramref name="stopping"/> is cancelled; never throws.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stopping);
                await CheckOnceAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The recheck must never take the server down; the next round retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                FtpLog.AccountRecheckFailed(logger, ex);
            }
        }
    }

    /// <summary>One round; the number of sessions asked to end.</summary>
    internal async Task<int> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var signedIn = new List<(FtpSession Session, FtpUser User, string Stamp)>();
        foreach (FtpSession session in sessions.Sessions)
        {
            if (session.User is { AccountStamp: { } stamp } user)
            {
                signedIn.Add((session, user, stamp));
            }
        }

        if (signedIn.Count == 0)
        {
            return 0;
        }

        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string[] batch in signedIn.Select(s => s.User.Name).Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            foreach ((string name, string stamp) in await store.GetAccountStampsAsync(batch, cancellationToken))
            {
                current[name] = stamp;
            }
        }

        int ended = 0;
        foreach ((FtpSession session, FtpUser user, string stamp) in signedIn)
        {
            // Still the same login (no REIN and new USER since the list was taken) and the account changed.
            if (ReferenceEquals(session.User, user)
                && (!current.TryGetValue(user.Name, out string? now) || !string.Equals(now, stamp, StringComparison.Ordinal)))
            {
                FtpLog.SessionEndedOnAccountChange(logger, session.Id, user.Name);
                session.RequestDisconnect(FtpSession.AccountChangedDisconnect);
                ended++;
            }
        }

        return ended;
    }
}
