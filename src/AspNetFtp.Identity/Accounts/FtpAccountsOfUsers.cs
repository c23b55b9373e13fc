using System.ComponentModel;
using System.Globalization;
using AspNetFtp.Identity.Entities;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <summary><see cref="IFtpAccountsOfUsers"/> over <typeparamref name="TContext"/>'s FTP accounts: one query for a page of users.</summary>
internal sealed class FtpAccountsOfUsers<TKey, TAccount, TContext>(TContext db) : IFtpAccountsOfUsers
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>
    where TContext : DbContext
{
    public async Task<IReadOnlyDictionary<string, string>> GroupNamesAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        // Identity's stores write a key with ToString and read it back with its type converter: the same here.
        TypeConverter converter = TypeDescriptor.GetConverter(typeof(TKey));
        List<TKey> keys = [.. userIds.Select(id => (TKey)converter.ConvertFromInvariantString(id)!)];
        var rows = await db.Set<TAccount>().AsNoTracking()
            .Where(a => keys.Contains(a.UserId))
            .Select(a => new { a.UserId, Group = a.Group!.Name })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => Convert.ToString(r.UserId, CultureInfo.InvariantCulture)!, r => r.Group, StringComparer.Ordinal);
    }
}
