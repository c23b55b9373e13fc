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
/// <c>setftplimits</c> (quotas, rates, sessions, upload mode of a group or an account) and <c>recountftpusage</c>
/// (the quota usage counted again from the storage). A bad value exits non-zero naming it.
/// </summary>
internal sealed class FtpLimitVerbs<TUser, TKey, TAccount, TContext>(FtpAccountVerbs<TUser, TKey, TAccount, TContext> verbs)
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    public IEnumerable<Command> Create()
    {
        yield return SetLimits();
        yield return Recount();
    }

    private Command SetLimits()
    {
        var group = new Option<string?>("--group") { Description = "The FTP group to change." };
        var user = new Option<string?>("--user") { Description = "The user whose FTP account to change (its own values override the group's)." };
        var quotaBytes = new Option<string?>("--quota-bytes") { Description = "Storage quota in bytes (K, M, G suffixes), none, or (accounts) inherit." };
        var quotaFiles = new Option<string?>("--quota-files") { Description = "Quota in files, none, or (accounts) inherit." };
        var uploadRate = new Option<string?>("--upload-rate") { Description = "Upload bytes per second of one session (K, M, G), none, or (accounts) inherit." };
        var downloadRate = new Option<string?>("--download-rate") { Description = "Download bytes per second of one session (K, M, G), none, or (accounts) inherit." };
        var maxSessions = new Option<string?>("--max-sessions") { Description = "Sessions at once, none, or (accounts) inherit." };
        var uploadMode = new Option<string?>("--upload-mode") { Description = "standard, atomic, atomic-resume or default (FtpServer:UploadMode); groups only." };
        var command = new Command(FtpAccountVerbNames.SetLimits, "Set the quotas, bandwidth, sessions and upload mode of an FTP group or account.")
        {
            group, user, quotaBytes, quotaFiles, uploadRate, downloadRate, maxSessions, uploadMode,
        };
        command.SetAction((parse, ct) =>
        {
            string? groupName = parse.GetValue(group);
            string? userName = parse.GetValue(user);
            if ((groupName is null) == (userName is null))
            {
                return Fail(parse, "give exactly one of --group NAME or --user NAME");
            }

            bool forAccount = userName is not null;
            var changes = new FtpLimitChanges();
            foreach ((Option<string?> option, Func<FtpLimitChanges, long?, FtpLimitChanges> apply) in new (Option<string?>, Func<FtpLimitChanges, long?, FtpLimitChanges>)[]
            {
                (quotaBytes, (c, v) => c with { QuotaBytes = new(v) }),
                (quotaFiles, (c, v) => c with { QuotaFiles = new(v) }),
                (uploadRate, (c, v) => c with { UploadBytesPerSecond = new(v) }),
                (downloadRate, (c, v) => c with { DownloadBytesPerSecond = new(v) }),
            })
            {
                if (parse.GetValue(option) is { } text)
                {
                    if (!FtpLimitText.TryParseLimit(text, forAccount, out long? value))
                    {
                        return Fail(parse, $"{option.Name} '{text}' is not a number (K, M, G suffixes), none{(forAccount ? " or inherit" : string.Empty)}");
                    }

                    changes = apply(changes, value);
                }
            }

            if (parse.GetValue(maxSessions) is { } sessionsText)
            {
                if (!FtpLimitText.TryParseLimit(sessionsText, forAccount, out long? sessions) || sessions > int.MaxValue
                    || char.IsLetter(sessionsText.Trim()[^1]) && sessions is not (null or 0))
                {
                    return Fail(parse, $"--max-sessions '{sessionsText}' is not a whole number, none{(forAccount ? " or inherit" : string.Empty)}");
                }

                changes = changes with { MaxSessions = new(sessions is long s ? (int)s : null) };
            }

            if (parse.GetValue(uploadMode) is { } modeText)
            {
                FtpUploadMode? mode = modeText.Trim().ToLowerInvariant() switch
                {
                    "standard" => FtpUploadMode.Standard,
                    "atomic" => FtpUploadMode.Atomic,
                    "atomic-resume" => FtpUploadMode.AtomicResume,
                    "default" => null,
                    _ => (FtpUploadMode)(-1),
                };
                if (mode == (FtpUploadMode)(-1))
                {
                    return Fail(parse, $"--upload-mode '{modeText}' is not standard, atomic, atomic-resume or default");
                }

                changes = changes with { UploadMode = new(mode) };
            }

            if (changes.IsEmpty)
            {
                return Fail(parse, "nothing to change: give at least one of --quota-bytes, --quota-files, --upload-rate, --download-rate, --max-sessions, --upload-mode");
            }

            return verbs.RunAsync(parse, async accounts => forAccount
                ? await FtpAccountVerbs<TUser, TKey, TAccount, TContext>.ReportAsync(parse, accounts, await accounts.SetAccountLimitsAsync(userName!, changes, ct), AdminAuditKinds.LimitsChanged, userName,
                    a => $"Set the limits of the FTP account of '{userName}': {Describe(a.QuotaBytes, a.QuotaFiles, a.UploadBytesPerSecond, a.DownloadBytesPerSecond, a.MaxSessions, null, inherit: true)}.", ct)
                : await FtpAccountVerbs<TUser, TKey, TAccount, TContext>.ReportAsync(parse, accounts, await accounts.SetGroupLimitsAsync(groupName!, changes, ct), AdminAuditKinds.LimitsChanged, null,
                    g => $"Set the limits of FTP group '{g.Name}': {Describe(g.QuotaBytes, g.QuotaFiles, g.UploadBytesPerSecond, g.DownloadBytesPerSecond, g.MaxSessions, g.UploadMode, inherit: false)}.", ct), ct);
        });
        return command;
    }

    private Command Recount()
    {
        var user = new Argument<string?>("username") { Description = "The user whose usage to count.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Count every FTP account." };
        var command = new Command(FtpAccountVerbNames.RecountUsage, "Count the quota usage of FTP accounts again from the storage.") { user, all };
        command.SetAction((parse, ct) =>
        {
            string? name = parse.GetValue(user);
            bool every = parse.GetValue(all);
            if ((name is null) == !every)
            {
                return Fail(parse, "give a user name or --all");
            }

            return verbs.RunAsync(parse, async accounts =>
            {
                List<string> names = every ? await accounts.ListAccountUserNamesAsync(ct) : [name!];
                int exit = FtpCommandExitCodes.Success;
                foreach (string one in names)
                {
                    int code = await FtpAccountVerbs<TUser, TKey, TAccount, TContext>.ReportAsync(parse, accounts, await accounts.RecountUsageAsync(one, ct), AdminAuditKinds.UsageRecounted, one,
                        u => string.Create(CultureInfo.InvariantCulture, $"'{one}': {u.Bytes} bytes ({FtpLimitText.Format(u.Bytes)}) in {u.Files} files."), ct);
                    exit = code != FtpCommandExitCodes.Success ? code : exit;
                }

                return exit;
            }, ct);
        });
        return command;
    }

    private static Task<int> Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine($"error: {message}");
        return Task.FromResult(FtpCommandExitCodes.Failure);
    }

    private static string Describe(long? quotaBytes, long? quotaFiles, long? up, long? down, int? sessions, FtpUploadMode? mode, bool inherit)
    {
        string Value(long? v) => v is null ? (inherit ? "the group's" : "none") : v == 0 && inherit ? "none" : v.Value.ToString(CultureInfo.InvariantCulture);
        string text = $"quota {Value(quotaBytes)} bytes, {Value(quotaFiles)} files; upload {Value(up)} B/s, download {Value(down)} B/s; sessions {Value(sessions)}";
        return inherit ? text : text + $"; upload mode {mode?.ToString() ?? "default"}";
    }
}
