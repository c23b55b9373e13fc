using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Tests.Defender;

/// <summary>A ban store whose every call fails, as a database that went away.</summary>
internal sealed class FailingBanStore : IFtpBanStore
{
    public int Calls;

    public Task SaveAsync(FtpAddressBan ban, CancellationToken cancellationToken) => Fail<object?>();

    public Task<bool> LiftAsync(string address, CancellationToken cancellationToken) => Fail<bool>();

    public Task<FtpAddressBan?> FindAsync(string address, CancellationToken cancellationToken) => Fail<FtpAddressBan?>();

    public Task<IReadOnlyList<FtpAddressBan>> ListAsync(DateTimeOffset expiredSince, CancellationToken cancellationToken) => Fail<IReadOnlyList<FtpAddressBan>>();

    public Task<int> ForgetAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken) => Fail<int>();

    private Task<T> Fail<T>()
    {
        Interlocked.Increment(ref Calls);
        return Task.FromException<T>(new InvalidOperationException("the database is down"));
    }
}
