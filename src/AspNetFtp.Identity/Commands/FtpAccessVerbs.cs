using System.CommandLine;
using System.Globalization;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// The access verbs: <c>setftpaccessrules</c> (allowed/denied addresses, account expiry), <c>listftpaccessrules</c>,
/// <c>addftpdirectoryrule</c> and <c>removeftpdirectoryrule</c>, each for <c>--group NAME</c> or <c>--user NAME</c>.
/// A bad value exits non-zero with one line naming it.
/// </summary>
internal sealed class FtpAccessVerbs<TUser, TKey, TAccount, TContext>(
    Func<ParseResult, Func<FtpAccountManager<TUser, TKey, TAccount, TContext>, Task<int>>, CancellationToken, Task<int>> run)
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public IEnumerable<Command> Create()
    {
        yield return SetAccessRules();
        yield return ListAccessRules();
        yield return AddDirectoryRule();
        yield return RemoveDirectoryRule();
    }

    private static (Option<string?> Group, Option<string?> User) TargetOptions() =>
        (new Option<string?>("--group") { Description = "The FTP group (applies to all its accounts)." },
         new Option<string?>("--user") { Description = "The user whose FTP account it is (applies on top of the group's)." });

    /// <summary>Exactly one of --group and --user; null after writing the problem.</summary>
    private static (FtpAccessScope Scope, string Name)? Target(ParseResult parse, Option<string?> group, Option<string?> user)
    {
        string? g = parse.GetValue(group);
        string? u = parse.GetValue(user);
        if ((g is null) == (u is null))
        {
            parse.InvocationConfiguration.Error.WriteLine("error: give exactly one of --group NAME and --user NAME");
            return null;
        }

        return g is not null ? (FtpAccessScope.Group, g) : (FtpAccessScope.Account, u!);
    }

    private Command SetAccessRules()
    {
        (Option<string?> group, Option<string?> user) = TargetOptions();
        var allow = new Option<string?>("--allow") { Description = "Allowed addresses and CIDR networks, separated by commas (\"\" allows every address); logins from elsewhere are refused." };
        var deny = new Option<string?>("--deny") { Description = "Denied addresses and CIDR networks (\"\" denies none); denied wins over allowed." };
        var expires = new Option<string?>("--expires") { Description = "Accounts only: the UTC date (2027-01-31 or 2027-01-31T18:00) from which the account cannot log in, or 'never'." };
        var command = new Command(FtpAccessVerbNames.SetAccessRules,
            "Set the allowed and denied addresses of a group or an account, and an account's expiry; options not given stay as they are.") { group, user, allow, deny, expires };
        command.SetAction((parse, ct) =>
        {
            if (Target(parse, group, user) is not { } target)
            {
                return Task.FromResult(FtpCommandExitCodes.Failure);
            }

            string? expiresText = parse.GetValue(expires);
            DateTime? expiresUtc = null;
            if (expiresText is not null && !string.Equals(expiresText, "never", StringComparison.OrdinalIgnoreCase)
                && !TryParseUtc(expiresText, out expiresUtc))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: expiry '{expiresText}' is not a date (2027-01-31, 2027-01-31T18:00) or 'never'");
                return Task.FromResult(FtpCommandExitCodes.Failure);
            }

            return run(parse, async accounts => await FtpAccountVerbs<TUser, TKey, TAccount, TContext>.ReportAsync(parse, accounts,
                await accounts.SetAccessRulesAsync(target.Scope, target.Name, parse.GetValue(allow), parse.GetValue(deny), expiresText is not null, expiresUtc, ct),
                AdminAuditKinds.AccessRulesChanged, Subject(target), a => "Changed the access rules of " + Describe(a) + ".", ct, OneLine), ct);
        });
        return command;
    }

    private Command ListAccessRules()
    {
        (Option<string?> group, Option<string?> user) = TargetOptions();
        var command = new Command(FtpAccessVerbNames.ListAccessRules, "Show the addresses, expiry and directory rules of a group or an account.") { group, user };
        command.SetAction((parse, ct) => Target(parse, group, user) is not { } target
            ? Task.FromResult(FtpCommandExitCodes.Failure)
            : run(parse, async accounts => FtpAccountVerbs<TUser, TKey, TAccount, TContext>.Report(parse,
                await accounts.GetAccessAsync(target.Scope, target.Name, ct), Describe), ct));
        return command;
    }

    private Command AddDirectoryRule()
    {
        (Option<string?> group, Option<string?> user) = TargetOptions();
        var path = new Argument<string>("path") { Description = "A virtual absolute path, such as /incoming/archive." };
        var letters = new Argument<string>("permissions") { Description = "The letters (elradfmwMT) at that path and below, instead of the group's; \"\" for none." };
        var command = new Command(FtpAccessVerbNames.AddDirectoryRule,
            "Give other permission letters at a directory and below (replaces the rule of the same path).") { group, user, path, letters };
        command.SetAction((parse, ct) => Target(parse, group, user) is not { } target
            ? Task.FromResult(FtpCommandExitCodes.Failure)
            : run(parse, async accounts => await FtpAccountVerbs<TUser, TKey, TAccount, TContext>.ReportAsync(parse, accounts,
                await accounts.SetDirectoryRuleAsync(target.Scope, target.Name, parse.GetValue(path)!, parse.GetValue(letters)!, ct), AdminAuditKinds.DirectoryRuleSet, Subject(target),
                r => $"{(r.Replaced ? "Replaced" : "Added")} the directory rule {r.Rule.Path} = {Letters(r.Rule.Permissions)} of {Name(target.Scope, target.Name)}.", ct), ct));
        return command;
    }

    private Command RemoveDirectoryRule()
    {
        (Option<string?> group, Option<string?> user) = TargetOptions();
        var path = new Argument<string>("path") { Description = "The rule's virtual path." };
        var command = new Command(FtpAccessVerbNames.RemoveDirectoryRule, "Remove the directory rule of a path.") { group, user, path };
        command.SetAction((parse, ct) => Target(parse, group, user) is not { } target
            ? Task.FromResult(FtpCommandExitCodes.Failure)
            : run(parse, async accounts => await FtpAccountVerbs<TUser, TKey, TAccount, TContext>.ReportAsync(parse, accounts,
                await accounts.RemoveDirectoryRuleAsync(target.Scope, target.Name, parse.GetValue(path)!, ct), AdminAuditKinds.DirectoryRuleRemoved, Subject(target),
                r => $"Removed the directory rule {r.Path} of {Name(target.Scope, target.Name)}.", ct), ct));
        return command;
    }

    internal static bool TryParseUtc(string text, out DateTime? utc)
    {
        utc = null;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime parsed))
        {
            utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    private static string? Subject((FtpAccessScope Scope, string Name) target) => target.Scope == FtpAccessScope.Account ? target.Name : null;

    private static string Name(FtpAccessScope scope, string name) => scope == FtpAccessScope.Group ? $"group '{name}'" : $"the FTP account of '{name}'";

    private static string Letters(string letters) => letters.Length == 0 ? "(none)" : letters;

    /// <summary>The audit row's detail: the same as <see cref="Describe"/> without the directory rules, on one line.</summary>
    private static string OneLine(FtpAccessSummary a) =>
        $"access rules of {Name(a.Scope, a.Name)}: allowed {a.AllowedAddresses ?? "any"}; denied {a.DeniedAddresses ?? "none"}"
        + (a.Scope == FtpAccessScope.Account ? $"; expires {a.ExpiresUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never"}" : string.Empty);

    private static string Describe(FtpAccessSummary a)
    {
        var lines = new List<string>
        {
            Name(a.Scope, a.Name),
            $"  allowed addresses: {a.AllowedAddresses ?? "any"}",
            $"  denied addresses:  {a.DeniedAddresses ?? "none"}",
        };
        if (a.Scope == FtpAccessScope.Account)
        {
            lines.Add($"  expires (UTC):     {a.ExpiresUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never"}");
        }

        lines.Add(a.DirectoryRules.Count == 0 ? "  directory rules:   none" : "  directory rules:");
        lines.AddRange(a.DirectoryRules.Select(r => $"    {r.Path} = {Letters(r.Permissions)}"));
        return string.Join('\n', lines);
    }
}
