using System.CommandLine;
using System.Globalization;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// The defender's verbs: <c>listftpbans</c>, <c>banftpaddress</c>, <c>liftftpban</c>. They change the database's
/// bans (<c>FtpBans</c>); running servers take the change within <c>Defender:RefreshInterval</c>. Run through
/// <see cref="FtpAccountVerbs{TUser, TKey, TAccount, TContext}"/>, which reports database failures as one line.
/// </summary>
internal sealed class FtpBanVerbs<TUser, TKey, TAccount, TContext>(
    Func<ParseResult, Func<FtpAccountManager<TUser, TKey, TAccount, TContext>, Task<int>>, CancellationToken, Task<int>> run)
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    public IEnumerable<Command> Create()
    {
        yield return List();
        yield return Ban();
        yield return Lift();
    }

    private Command List()
    {
        var command = new Command(FtpAccountVerbNames.ListBans, "List the addresses banned now (by the defender or by hand).");
        command.SetAction((parse, ct) => run(parse, async accounts =>
        {
            List<FtpAddressBan> bans = await accounts.ListBansAsync(ct);
            TextWriter output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"ADDRESS",-28} {"SINCE (UTC)",-19} {"UNTIL (UTC)",-19} {"OFFENCES",8}  {"BY",-16} REASON");
            foreach (FtpAddressBan b in bans)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Address,-28} {Time(b.Created),-19} {(b.Expires is { } end ? Time(end) : "until lifted"),-19} {b.Offences,8}  {b.CreatedBy ?? "defender",-16} {b.Reason}"));
            }

            return FtpCommandExitCodes.Success;
        }, ct));
        return command;
    }

    private Command Ban()
    {
        var address = new Argument<string>("address") { Description = "An IP address (203.0.113.7, 2001:db8::1) or a CIDR range (198.51.100.0/24)." };
        var minutes = new Option<int?>("--minutes") { Description = "How long the ban lasts; without it, until lifted." };
        var reason = new Option<string?>("--reason") { Description = "Why (shown in listftpbans and the admin)." };
        var command = new Command(FtpAccountVerbNames.BanAddress, "Ban an address or range: its connections get 421 on every server within Defender:RefreshInterval.") { address, minutes, reason };
        command.SetAction((parse, ct) => run(parse, async accounts =>
        {
            FtpAccountResult<FtpAddressBan> result = await accounts.BanAddressAsync(parse.GetValue(address)!, parse.GetValue(minutes), parse.GetValue(reason), AdminAudit.CliActor, ct);
            return FtpAccountVerbs<TUser, TKey, TAccount, TContext>.Report(parse, result, b => $"Banned {b.Address} {(b.Expires is { } end ? "until " + Time(end) + " UTC" : "until lifted")} (offence {b.Offences}).");
        }, ct));
        return command;
    }

    private Command Lift()
    {
        var address = new Argument<string>("address") { Description = "The banned address or CIDR range, as listftpbans shows it." };
        var command = new Command(FtpAccountVerbNames.LiftBan, "Lift a ban: every server lets the address in again within Defender:RefreshInterval.") { address };
        command.SetAction((parse, ct) => run(parse, async accounts =>
        {
            FtpAccountResult<bool> result = await accounts.LiftBanAsync(parse.GetValue(address)!, AdminAudit.CliActor, ct);
            return FtpAccountVerbs<TUser, TKey, TAccount, TContext>.Report(parse, result, _ => $"Lifted the ban of {parse.GetValue(address)!.Trim()}.");
        }, ct));
        return command;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
