using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Authentication;

/// <summary>
/// FTP logins against the application's ASP.NET Core Identity users: the password (or one of the account's
/// FTP app passwords) is checked with the app's Identity configuration, lockout is honoured and failures count
/// toward it, users without an FTP account are refused, and last-login times are kept. Each login runs in its
/// own DI scope (a fresh, pooled DbContext); a database failure becomes "service unavailable" (421), never a
/// wrong "bad password".
/// </summary>
public partial class IdentityFtpAuthenticator<TUser, TKey, TAccount, TContext> : IFtpAuthenticator, ICredentialVersionSource
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>
    where TContext : DbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptionsMonitor<FtpAccountsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public IdentityFtpAuthenticator(IServiceScopeFactory scopes, IOptionsMonitor<FtpAccountsOptions> options, ILogger logger, TimeProvider? time = null)
    {
        _scopes = scopes;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
            UserManager<TUser> users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
            TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
            return await AuthenticateAsync(users, db, request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any store failure (network, timeout, provider) means "unavailable", never "wrong password".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStoreUnavailable(_logger, ex, request.UserName);
            return FtpAuthenticationResult.ServiceUnavailable;
        }
    }

    private async Task<FtpAuthenticationResult> AuthenticateAsync(UserManager<TUser> users, TContext db, FtpLoginRequest request, CancellationToken cancellationToken)
    {
        TUser? user = await users.FindByNameAsync(request.UserName);
        if (user is null)
        {
            // Spend the same time as for a real user, so timing does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(Activator.CreateInstance<TUser>(), DummyHash.Value, request.Password);
            return FtpAuthenticationResult.InvalidCredentials;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return FtpAuthenticationResult.Failure(FtpAuthenticationStatus.LockedOut);
        }

        TKey userId = user.Id;
        TAccount? account = await db.Set<TAccount>()
            .Include(a => a.Group)
            .Include(a => a.AppPasswords)
            .FirstOrDefaultAsync(a => a.UserId.Equals(userId), cancellationToken);

        FtpAppPassword? appPassword = null;
        foreach (FtpAppPassword candidate in account?.AppPasswords ?? [])
        {
            PasswordVerificationResult check = users.PasswordHasher.VerifyHashedPassword(user, candidate.PasswordHash, request.Password);
            if (check == PasswordVerificationResult.Failed)
            {
                continue;
            }

            // Like UserManager does for the Identity password: upgrade a hash made with older settings.
            if (check == PasswordVerificationResult.SuccessRehashNeeded)
            {
                candidate.PasswordHash = users.PasswordHasher.HashPassword(user, request.Password);
            }

            appPassword = candidate;
            break;
        }

        bool appPasswordsOnly = account?.Group?.RequireAppPasswords ?? false;
        bool verified = appPassword is not null || (!appPasswordsOnly && await users.CheckPasswordAsync(user, request.Password));
        if (!verified)
        {
            if (users.SupportsUserLockout)
            {
                await users.AccessFailedAsync(user);
            }

            return FtpAuthenticationResult.InvalidCredentials;
        }

        if (account?.Group is null)
        {
            return FtpAuthenticationResult.Failure(FtpAuthenticationStatus.NotAllowed);
        }

        string userName = user.UserName ?? request.UserName;
        string? home = FtpHomeDirectory.Resolve(account.HomeDirectory, account.Group.HomeDirectory, _options.CurrentValue.RootDirectory, userName);
        if (home is null || !FtpPermissionLetters.TryParse(account.Group.Permissions, out FtpPermissions permissions, out _))
        {
            return FtpAuthenticationResult.Failure(FtpAuthenticationStatus.NotAllowed);
        }

        if (users.SupportsUserLockout && await users.GetAccessFailedCountAsync(user) > 0)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        DateTime now = _time.GetUtcNow().UtcDateTime;
        account.LastLoginUtc = now;
        if (appPassword is not null)
        {
            appPassword.LastUsedUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return FtpAuthenticationResult.Success(new FtpUser(userName, home, permissions));
    }

    /// <summary>
    /// The security stamp plus everything that shapes the session (lockout, group, home, app passwords):
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
            return row is null
                ? null
                : string.Join('|', row.SecurityStamp, row.LockoutEnd?.UtcTicks, row.LockoutEnabled, row.GroupId, row.HomeDirectory,
                    row.Permissions, row.GroupHome, row.RequireAppPasswords, row.AppPasswords, row.LastAppPassword);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // No stamp means no cache hit; the login itself then reports the outage.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStoreUnavailable(_logger, ex, userName);
            return null;
        }
    }

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
                a.GroupId,
                a.HomeDirectory,
                a.Group!.Permissions,
                a.Group.HomeDirectory,
                a.Group.RequireAppPasswords,
                a.AppPasswords.Count,
                a.AppPasswords.Max(p => (int?)p.Id)))
            .FirstOrDefault());

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<TUser>().HashPassword(Activator.CreateInstance<TUser>(), Guid.NewGuid().ToString()));

    private sealed record CredentialVersionRow(
        string? SecurityStamp,
        DateTimeOffset? LockoutEnd,
        bool LockoutEnabled,
        int GroupId,
        string? HomeDirectory,
        string Permissions,
        string? GroupHome,
        bool RequireAppPasswords,
        int AppPasswords,
        int? LastAppPassword);

    [LoggerMessage(100, LogLevel.Error, "The account store is unavailable (login of {User})")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string user);
}

/// <summary>The Identity authenticator for string-keyed users (<c>IdentityUser</c>) and <see cref="FtpUserAccount"/>.</summary>
public sealed class IdentityFtpAuthenticator<TUser, TContext> : IdentityFtpAuthenticator<TUser, string, FtpUserAccount, TContext>
    where TUser : IdentityUser
    where TContext : DbContext
{
    public IdentityFtpAuthenticator(IServiceScopeFactory scopes, IOptionsMonitor<FtpAccountsOptions> options, ILogger<IdentityFtpAuthenticator<TUser, TContext>> logger, TimeProvider? time = null)
        : base(scopes, options, logger, time)
    {
    }
}
