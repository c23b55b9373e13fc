using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// Runs one account verb's action against an account manager the caller provides (in a DI scope of the
/// embedding app, or of the standalone host's own database) and returns the exit code. The caller may
/// return an exit code without running the action (a bad setting).
/// </summary>
internal delegate Task<int> FtpAccountSession<TUser, TKey, TAccount, TContext>(
    Func<FtpAccountManager<TUser, TKey, TAccount, TContext>, Task<int>> action, CancellationToken cancellationToken)
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext;
