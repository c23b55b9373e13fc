using System.Globalization;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Admin.Bans;

/// <summary>Turns the defender's bans into <see cref="BanRow"/>s: newest first, times in UTC.</summary>
internal static class BanRows
{
    public static IReadOnlyList<BanRow> From(IEnumerable<FtpAddressBan> bans) =>
        [.. bans.OrderByDescending(b => b.Created).ThenBy(b => b.Address, StringComparer.Ordinal).Select(From)];

    public static BanRow From(FtpAddressBan ban) => new(
        ban.Address,
        ban.Reason,
        Time(ban.Created),
        ban.Expires is { } end ? Time(end) : "until lifted",
        ban.Offences,
        ban.CreatedBy ?? "defender");

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
