using AspNetFtp.Protocol.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Bans;

/// <summary>
/// The defender's bans in the application's database (<c>FtpBans</c>), which every node shares and a restart keeps;
/// registered by <c>AddIdentityAccounts</c>. Each call runs in a DI scope of its own (the DbContext is scoped).
/// </summary>
internal sealed class FtpBanStore<TContext>(IServiceScopeFactory scopes) : IFtpBanStore
    where TContext : DbContext
{
    public async Task SaveAsync(FtpAddressBan ban, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await FtpBanRows.SaveAsync(scope.ServiceProvider.GetRequiredService<TContext>(), ban, cancellationToken);
    }

    public Task<bool> LiftAsync(string address, CancellationToken cancellationToken) =>
        RunAsync(db => FtpBanRows.LiftAsync(db, address, cancellationToken));

    public Task<FtpAddressBan?> FindAsync(string address, CancellationToken cancellationToken) =>
        RunAsync(db => FtpBanRows.FindAsync(db, address, cancellationToken));

    public async Task<IReadOnlyList<FtpAddressBan>> ListAsync(DateTimeOffset expiredSince, CancellationToken cancellationToken) =>
        await RunAsync(db => FtpBanRows.ListAsync(db, expiredSince, cancellationToken));

    public Task<int> ForgetAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken) =>
        RunAsync(db => FtpBanRows.ForgetAsync(db, expiredBefore, cancellationToken));

    private async Task<T> RunAsync<T>(Func<TContext, Task<T>> work)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
