using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Logging;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Authentication;

/// <summary>
/// FTP logins against the application's ASP.NET Core Identity users: the password (or one of the account's
/// FTP app passwords) is checked with the app's Identity configuration, the app's sign-in rules and lockout are
/// honoured and failures count toward the lockout, users without an FTP account are refused, and last-login times
/// are kept. Every refused login verifies exactly one hash with the app's own hasher (a stand-in when there is
/// nothing real to check), so neither timing nor work tells the reasons apart. Each login runs in its own DI scope
/// (a fresh, pooled DbContext); a database failure becomes "service unavailable" (421), never a wrong "bad password".
/// </summary>
public partial class IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext> : IFtpAuthenticator, ICredentialVersionSource, IFtpAccountStampSource
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>
    where TContext : DbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptionsMonitor<FtpAccountsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StandInHashes<TUser> _standIns = new();

    /// <summary>An authenticator that opens a DI scope per login for the app's <c>UserManager</c> and DbContext.</summary>
    /// <param name="scopes">Creates the scope of each login.</param>
    /// <param name="options">The accounts settings (root directory of homes, lockout), read at each login.</param>
    /// <param name="logger">Logs lockouts and an unavailable store; never a password.</param>
    /// <param name="time">The clock of lockouts and last-login times; the system clock when null.</param>
    public IdentityFtpAuthenticator(IServiceScopeFactory scopes, IOptionsMonitor<FtpAccountsOptions> options, ILogger logger, TimeProvider? time = null)
    {
        _scopes = scopes;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Checks a USER/PASS login: the Identity user (or an app password) and its FTP account, the app's sign-in rules
    /// and lockout; on success returns the user's snapshot (home, permissions). A database failure returns
    /// <see cref="FtpAuthenticationResult.ServiceUnavailable"/>.
    /// </summary>
    public async ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
            UserManager<TUser> users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
            TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
            return await AuthenticateAsync(scope.ServiceProvider, users, db, request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any store failure (network, timeout, provider) means "unavailable", never "wrong password".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            IdentityLog.StoreUnavailable(_logger, ex, request.UserName);
            return FtpAuthenticationResult.ServiceUnavailable;
        }
    }

    /// <summary>
    /// The order: who (user, FTP account), may they sign in at all (the app's sign-in rules, as SignInManager checks
    /// them before the password, then lockout), count the attempt, then one hash. Refusals before the hash verify the
    /// stand-in and write nothing, so an unconfirmed or locked account's password is never tested (no oracle) and a
    /// web user without an FTP account is never counted toward the web app's lockout.
    /// </summary>
    private async Task<FtpAuthenticationResult> AuthenticateAsync(IServiceProvider services, UserManager<TUser> users, TContext db, FtpLoginRequest request, CancellationToken cancellationToken)
    {
        IPasswordHasher<TUser> hasher = users.PasswordHasher;
        TUser? user = await users.FindByNameAsync(request.UserName);
        if (user is null)
        {
            return Refuse(hasher, null, request, FtpAuthenticationStatus.InvalidCredentials);
        }

        TKey userId = user.Id;
        TAccount? account = await db.Set<TAccount>()
            .Include(a => a.Group!).ThenInclude(g => g.DirectoryRules)
            .Include(a => a.DirectoryRules)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.UserId.Equals(userId), cancellationToken);
        if (account?.Group is null)
        {
            return Refuse(hasher, user, request, FtpAuthenticationStatus.NotAllowed);
        }

        // Address lists and expiry before anything else about the account: a refused address or an expired account
        // pays the one stand-in hash and learns nothing about the password.
        if (!Admits(account, request.UserName, request.RemoteEndPoint.Address, _time.GetUtcNow()))
        {
            return Refuse(hasher, user, request, FtpAuthenticationStatus.NotAllowed);
        }

        if (!await FtpSignInRules<TUser>.CanSignInAsync(services, users, user))
        {
            return Refuse(hasher, user, request, FtpAuthenticationStatus.NotAllowed);
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (users.SupportsUserLockout && FtpLockoutLedger<TUser, TKey>.IsLocked(user, now))
        {
            return Refuse(hasher, user, request, FtpAuthenticationStatus.LockedOut);
        }

        LockoutOptions lockout = users.Options.Lockout;
        bool counted = users.SupportsUserLockout && _options.CurrentValue.CountFailuresTowardLockout;
        if (counted)
        {
            FtpLockoutReservation reservation = await FtpLockoutLedger<TUser, TKey>.ReserveAsync(db, user, lockout, now, cancellationToken);
            if (reservation != FtpLockoutReservation.Granted)
            {
                return Refuse(hasher, user, request, reservation == FtpLockoutReservation.Locked
                    ? FtpAuthenticationStatus.LockedOut
                    : FtpAuthenticationStatus.InvalidCredentials);
            }
        }

        (bool verified, FtpAppPassword? appPassword) = await VerifyAsync(users, db, user, account, request, cancellationToken);
        if (!verified)
        {
            if (counted && await FtpLockoutLedger<TUser, TKey>.FailedAsync(db, user, lockout, _time.GetUtcNow(), cancellationToken))
            {
                IdentityLog.LockedOut(_logger, request.UserName);
            }

            return FtpAuthenticationResult.InvalidCredentials;
        }

        if (counted && !await FtpLockoutLedger<TUser, TKey>.SucceededAsync(db, user, _time.GetUtcNow(), cancellationToken))
        {
            // Locked by a concurrent attempt while this one was being checked.
            return FtpAuthenticationResult.Failure(FtpAuthenticationStatus.LockedOut);
        }

        string userName = user.UserName ?? request.UserName;
        string? home = FtpHomeDirectory.Resolve(account.HomeDirectory, account.Group.HomeDirectory, _options.CurrentValue.RootDirectory, userName);
        if (home is null || !FtpPermissionLetters.TryParse(account.Group.Permissions, out FtpPermissions permissions, out _))
        {
            return FtpAuthenticationResult.Failure(FtpAuthenticationStatus.NotAllowed);
        }

        DateTime nowUtc = _time.GetUtcNow().UtcDateTime;
        account.LastLoginUtc = nowUtc;
        if (appPassword is not null)
        {
            appPassword.LastUsedUtc = nowUtc;
        }

        await db.SaveChangesAsync(cancellationToken);
        string? storageProfile = FtpAccountSnapshot.StorageProfileOf(account, account.Group);
        return FtpAuthenticationResult.Success(new FtpUser(userName, home, permissions)
        {
            AccountStamp = AccountStampOf(user.SecurityStamp, storageProfile),
            StorageProfile = storageProfile,
            Limits = FtpAccountSnapshot.LimitsOf(account, account.Group),
            RequireTls = account.Group.RequireTls,
            UploadMode = account.Group.UploadMode,
            DirectoryPermissions = FtpAccountSnapshot.DirectoryPermissionsOf(account, account.Group),
        });
    }

    /// <summary>
    /// Exactly one hash: an app password (<c>ftp-{id}-{secret}</c>) is checked against its one row of this account;
    /// anything else against the Identity password, unless the group requires app passwords or the user has no
    /// password (then the stand-in).
    /// </summary>
    private async Task<(bool Verified, FtpAppPassword? AppPassword)> VerifyAsync(UserManager<TUser> users, TContext db, TUser user, TAccount account, FtpLoginRequest request, CancellationToken cancellationToken)
    {
        IPasswordHasher<TUser> hasher = users.PasswordHasher;
        if (FtpAppPasswordFormat.TryParse(request.Password, out int id, out string secret))
        {
            int accountId = account.Id;
            FtpAppPassword? candidate = await db.Set<FtpAppPassword>().FirstOrDefaultAsync(p => p.Id == id && p.AccountId == accountId, cancellationToken);
            if (candidate is not null)
            {
                PasswordVerificationResult check = hasher.VerifyHashedPassword(user, candidate.PasswordHash, secret);
                if (check == PasswordVerificationResult.Failed)
                {
                    return (false, null);
                }

                // Like UserManager does for the Identity password: upgrade a hash made with older settings.
                if (check == PasswordVerificationResult.SuccessRehashNeeded)
                {
                    candidate.PasswordHash = hasher.HashPassword(user, secret);
                }

                return (true, candidate);
            }
        }

        if (account.Group!.RequireAppPasswords || user.PasswordHash is null)
        {
            _standIns.Verify(hasher, user, request.Password);
            return (false, null);
        }

        // One verification (and Identity's own rehash when its settings changed).
        return (await users.CheckPasswordAsync(user, request.Password), null);
    }

    private FtpAuthenticationResult Refuse(IPasswordHasher<TUser> hasher, TUser? user, FtpLoginRequest request, FtpAuthenticationStatus status)
    {
        _standIns.Verify(hasher, user, request.Password);
        return status == FtpAuthenticationStatus.InvalidCredentials
            ? FtpAuthenticationResult.InvalidCredentials
            : FtpAuthenticationResult.Failure(status);
    }

    /// <summary>
    /// The security stamp plus everything that shapes the session (lockout, confirmations the sign-in rules read, group,
    /// home, app passwords):
    /// a password change, lockout or revoked app password changes it, which ends cached logins at once.
    /// </summary>
    public async ValueTask<string?> GetCredentialVersionAsync(string userName, CancellationToken cancellationToken)
    {
        try
        {
            await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
            TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
            ILookupNormalizer? normalizer = scope.ServiceProvider.GetService<ILookupNormalizer>();
            string normalized = normalizer?.NormalizeName(userName) ?? userName.ToUpperInvariant();
            CredentialVersionRow? row = await VersionQueries.GetValue(db.Model, static _ => CompileVersionQuery())(db, normalized);
            // An expired account has no version: never a cache hit, so its login meets the expiry check.
            return row is null || (row.Access.ExpiresUtc is { } expires && DateTime.SpecifyKind(expires, DateTimeKind.Utc) <= _time.GetUtcNow().UtcDateTime)
                ? null
                : string.Join('|', row.SecurityStamp, row.LockoutEnd?.UtcTicks, row.LockoutEnabled, row.EmailConfirmed, row.PhoneNumberConfirmed, row.GroupId, row.HomeDirectory,
                    row.Permissions, row.GroupHome, row.RequireAppPasswords, row.AppPasswords, row.LastAppPassword, row.Access, row.Limits);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // No stamp means no cache hit; the login itself then reports the outage.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            IdentityLog.StoreUnavailable(_logger, ex, userName);
            return null;
        }
    }

    /// <summary>
    /// The stamps of the named users who may still log in: an FTP account, not locked out, not expired. The stamp digests the
    /// security stamp, which Identity renews on a password change (and <c>UpdateSecurityStampAsync</c>); a user who
    /// was deleted, lost the FTP account or is locked out is left out. Database failures propagate (the server then
    /// ends nobody's session).
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, string>> GetAccountStampsAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
        ILookupNormalizer? normalizer = scope.ServiceProvider.GetService<ILookupNormalizer>();
        var byNormalized = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in userNames)
        {
            byNormalized.TryAdd(normalizer?.NormalizeName(name) ?? name.ToUpperInvariant(), name);
        }

        string[] normalized = [.. byNormalized.Keys];
        var rows = await db.Set<TUser>().AsNoTracking()
            .Where(u => normalized.Contains(u.NormalizedUserName!))
            .Join(db.Set<TAccount>(), u => u.Id, a => a.UserId, (u, a) => new
            {
                u.NormalizedUserName, u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd, a.ExpiresUtc,
                StorageProfile = a.StorageProfile ?? a.Group!.StorageProfile,
            })
            .ToListAsync(cancellationToken);
        DateTimeOffset now = _time.GetUtcNow();
        var stamps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            bool locked = row.LockoutEnabled && row.LockoutEnd is { } end && end >= now;
            bool expired = row.ExpiresUtc is { } expires && DateTime.SpecifyKind(expires, DateTimeKind.Utc) <= now.UtcDateTime;
            if (!locked && !expired && row.NormalizedUserName is { } key && byNormalized.TryGetValue(key, out string? name))
            {
                stamps[name] = AccountStampOf(row.SecurityStamp, row.StorageProfile);
            }
        }

        return stamps;
    }

    /// <summary>
    /// A digest of the security stamp and of the storage profile the session's files live in, so the stamp itself never
    /// leaves this class in a session snapshot, and a session whose storage moved (the group's or the account's profile
    /// changed) ends at the next recheck instead of writing on in the store it no longer belongs to.
    /// </summary>
    private static string AccountStampOf(string? securityStamp, string? storageProfile) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(storageProfile is null
            ? securityStamp ?? string.Empty
            : (securityStamp ?? string.Empty) + "\n" + storageProfile.ToUpperInvariant())), 0, 16);

    /// <summary>
    /// Compiled once per model (one process may hold contexts of several providers): the version check runs on
    /// every login, cached or not.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<TContext, string, Task<CredentialVersionRow?>>> VersionQueries = new();

    private static Func<TContext, string, Task<CredentialVersionRow?>> CompileVersionQuery() => EF.CompileAsyncQuery(
        (TContext db, string normalized) => db.Set<TUser>().AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Join(db.Set<TAccount>(), u => u.Id, a => a.UserId, (u, a) => new CredentialVersionRow(
                u.SecurityStamp,
                u.LockoutEnd,
                u.LockoutEnabled,
                u.EmailConfirmed,
                u.PhoneNumberConfirmed,
                a.GroupId,
                a.HomeDirectory,
                a.Group!.Permissions,
                a.Group.HomeDirectory,
                a.Group.RequireAppPasswords,
                a.AppPasswords.Count,
                a.AppPasswords.Max(p => (int?)p.Id),
                new AccessVersion(
                    a.Group.AllowedAddresses, a.Group.DeniedAddresses, a.AllowedAddresses, a.DeniedAddresses, a.ExpiresUtc,
                    a.Group.RequireTls, a.Group.UploadMode, a.Group.StorageProfile, a.StorageProfile,
                    a.Group.DirectoryRules.Count, a.Group.DirectoryRules.Max(r => (int?)r.Id),
                    a.DirectoryRules.Count, a.DirectoryRules.Max(r => (int?)r.Id)),
                new LimitsVersion(
                    a.Group.MaxSessions, a.Group.UploadBytesPerSecond, a.Group.DownloadBytesPerSecond, a.Group.QuotaBytes, a.Group.QuotaFiles,
                    a.MaxSessions, a.UploadBytesPerSecond, a.DownloadBytesPerSecond, a.QuotaBytes, a.QuotaFiles)))
            .FirstOrDefault());

    private sealed record CredentialVersionRow(
        string? SecurityStamp,
        DateTimeOffset? LockoutEnd,
        bool LockoutEnabled,
        bool EmailConfirmed,
        bool PhoneNumberConfirmed,
        int GroupId,
        string? HomeDirectory,
        string Permissions,
        string? GroupHome,
        bool RequireAppPasswords,
        int AppPasswords,
        int? LastAppPassword,
        AccessVersion Access,
        LimitsVersion Limits);

    /// <summary>
    /// The account's and group's address rules, expiry, TLS requirement, upload mode, storage profiles and directory rules as a cached
    /// login sees them: a rule edit is a remove and an add (a new id), so count and last id change with it.
    /// </summary>
    private sealed record AccessVersion(
        string? GroupAllowed,
        string? GroupDenied,
        string? AccountAllowed,
        string? AccountDenied,
        DateTime? ExpiresUtc,
        bool RequireTls,
        FtpUploadMode? UploadMode,
        string? GroupStorage,
        string? AccountStorage,
        int GroupRules,
        int? LastGroupRule,
        int AccountRules,
        int? LastAccountRule);

    /// <summary>The group's and the account's limits as a cached login sees them.</summary>
    private sealed record LimitsVersion(
        int? GroupSessions,
        long? GroupUpload,
        long? GroupDownload,
        long? GroupQuotaBytes,
        long? GroupQuotaFiles,
        int? AccountSessions,
        long? AccountUpload,
        long? AccountDownload,
        long? AccountQuotaBytes,
        long? AccountQuotaFiles);
}

/// <summary>The Identity authenticator for string-keyed users (<c>IdentityUser</c>) and <see cref="FtpUserAccount"/>.</summary>
public sealed class IdentityFtpAuthenticator<TUser, TContext> : IdentityFtpAuthenticator<TUser, string, FtpUserAccount, TContext>
    where TUser : IdentityUser
    where TContext : DbContext
{
    /// <summary>An authenticator for string-keyed users; see the base class for the parameters.</summary>
    public IdentityFtpAuthenticator(IServiceScopeFactory scopes, IOptionsMonitor<FtpAccountsOptions> options, ILogger<IdentityFtpAuthenticator<TUser, TContext>> logger, TimeProvider? time = null)
        : base(scopes, options, logger, time)
    {
    }
}
