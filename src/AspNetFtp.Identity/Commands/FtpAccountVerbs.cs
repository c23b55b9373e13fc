using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// The FTP account verbs (django-ftpserver's management commands): groups, accounts and app passwords.
/// The same definitions serve an embedding app (<see cref="FtpAccountCommandHostExtensions"/>) and the
/// standalone host. Output goes to the invocation's output; a problem is one line on its error writer and
/// a non-zero exit code.
/// </summary>
internal sealed class FtpAccountVerbs<TUser, TKey, TAccount, TContext>(FtpAccountSession<TUser, TKey, TAccount, TContext> session)
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    public IEnumerable<Command> Create() =>
    [
        CreateGroup(), CreateAccount(), ListGroups(), ListAccounts(), EditGroup(), EditAccount(), DeleteGroup(), DeleteAccount(),
        CreateAppPassword(), DeleteAppPassword(), GrantAdmin(), RevokeAdmin(),
        .. new FtpAccessVerbs<TUser, TKey, TAccount, TContext>(RunAsync).Create(),
        .. new FtpLimitVerbs<TUser, TKey, TAccount, TContext>(this).Create(),
        .. new FtpBanVerbs<TUser, TKey, TAccount, TContext>(RunAsync).Create(),
        .. new FtpNodeVerbs<TUser, TKey, TAccount, TContext>(RunAsync).Create(),
    ];

    private Command CreateGroup()
    {
        var name = new Argument<string>("name") { Description = "Unique group name." };
        var home = new Argument<string?>("home_dir") { Description = "Home directory of the group's accounts ({username} is replaced).", Arity = ArgumentArity.ZeroOrOne };
        var permission = new Option<string>("--permission") { Description = "Permission letters from elradfmwMT.", DefaultValueFactory = _ => "elradfmw" };
        var appOnly = new Option<bool>("--require-app-passwords") { Description = "Accounts of this group log in with FTP app passwords only." };
        var storage = GroupStorageOption();
        var command = new Command(FtpAccountVerbNames.CreateGroup, "Create an FTP group.") { name, home, permission, appOnly, storage };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            FtpAccountResult<FtpUserGroup> result = await accounts.CreateGroupAsync(parse.GetValue(name)!, parse.GetValue(home), parse.GetValue(permission), parse.GetValue(appOnly), parse.GetValue(storage), ct);
            return await ReportAsync(parse, accounts, result, AdminAuditKinds.GroupCreated, null,
                g => $"Created FTP group '{g.Name}' (permissions {g.Permissions}{(g.HomeDirectory is null ? string.Empty : ", home " + g.HomeDirectory)}{StorageText(g.StorageProfile)}).", ct);
        }, ct));
        return command;
    }

    private Command CreateAccount()
    {
        var user = new Argument<string>("username") { Description = "An existing Identity user." };
        var group = new Argument<string>("group") { Description = "An existing FTP group." };
        var home = new Argument<string?>("home_dir") { Description = "Home directory ({username} is replaced); default: the group's, else <root>/{username}.", Arity = ArgumentArity.ZeroOrOne };
        var storage = AccountStorageOption();
        var command = new Command(FtpAccountVerbNames.CreateAccount, "Give an Identity user an FTP account in a group.") { user, group, home, storage };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            FtpAccountResult<TAccount> result = await accounts.CreateAccountAsync(parse.GetValue(user)!, parse.GetValue(group)!, parse.GetValue(home), parse.GetValue(storage), ct);
            return await ReportAsync(parse, accounts, result, AdminAuditKinds.AccountCreated, parse.GetValue(user),
                a => $"Created the FTP account of '{parse.GetValue(user)}' in group '{parse.GetValue(group)}'{StorageText(a.StorageProfile)}.", ct);
        }, ct));
        return command;
    }

    private Command ListGroups()
    {
        var command = new Command(FtpAccountVerbNames.ListGroups, "List the FTP groups, each with its settings (TLS, upload mode, limits, addresses) on the line below.");
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            List<FtpUserGroup> groups = await accounts.ListGroupsAsync(ct);
            Dictionary<int, int> members = await accounts.CountAccountsByGroupAsync(ct);
            TextWriter output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"NAME",-24} {"PERMISSIONS",-11} {"ACCOUNTS",8}  HOME");
            foreach (FtpUserGroup g in groups)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Name,-24} {g.Permissions,-11} {members.GetValueOrDefault(g.Id),8}  {g.HomeDirectory ?? "-"}{(g.RequireAppPasswords ? " (app passwords only)" : string.Empty)}"));
                output.WriteLine(FtpSettingsText.Group(g));
            }

            return FtpCommandExitCodes.Success;
        }, ct));
        return command;
    }

    private Command ListAccounts()
    {
        var command = new Command(FtpAccountVerbNames.ListAccounts, "List the FTP accounts, each with its own settings (limits, addresses, expiry) on the line below.");
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            List<(string UserName, TAccount Account)> rows = await accounts.ListAccountsAsync(ct);
            TextWriter output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"USER",-24} {"GROUP",-24} {"LAST LOGIN (UTC)",-20} {"APP PASSWORDS",13}  HOME");
            foreach ((string userName, TAccount a) in rows)
            {
                string lastLogin = a.LastLoginUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{userName,-24} {a.Group?.Name,-24} {lastLogin,-20} {a.AppPasswords.Count,13}  {a.HomeDirectory ?? "-"}"));
                output.WriteLine(FtpSettingsText.Account(a));
            }

            return FtpCommandExitCodes.Success;
        }, ct));
        return command;
    }

    private Command EditGroup()
    {
        var name = new Argument<string>("name") { Description = "The group to change." };
        var home = new Option<string?>("--home") { Description = "New home directory of the group's accounts ({username} is replaced); \"\" removes it." };
        var permissions = new Option<string?>("--permissions") { Description = "New permission letters from elradfmwMT." };
        var appOnly = new Option<bool?>("--require-app-passwords") { Description = "true: the group's accounts log in with FTP app passwords only; false: with their password too.", Arity = ArgumentArity.ExactlyOne };
        var requireTls = new Option<bool?>("--require-tls") { Description = "true: the group's accounts must use TLS (AUTH TLS before login, PROT P for transfers) even where the server does not require it; false: the server's settings apply.", Arity = ArgumentArity.ExactlyOne };
        var storage = GroupStorageOption();
        var command = new Command(FtpAccountVerbNames.EditGroup, "Change an FTP group; options not given stay as they are. Its accounts get the change at their next login.") { name, home, permissions, appOnly, requireTls, storage };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            // A bad profile is refused before anything is written.
            string? profile = parse.GetValue(storage);
            if (profile is not null && accounts.CheckStorageProfile(profile, FtpStorageChoice.Default) is { Succeeded: false } refused)
            {
                return Report(parse, refused, _ => string.Empty);
            }

            FtpAccountResult<FtpUserGroup> result = await accounts.UpdateGroupAsync(parse.GetValue(name)!, null, parse.GetValue(home), parse.GetValue(permissions), parse.GetValue(appOnly), ct);
            if (result.Succeeded && parse.GetValue(requireTls) is { } tls)
            {
                result = await accounts.SetGroupRequireTlsAsync(result.Value!.Name, tls, ct);
            }

            if (result.Succeeded && profile is not null)
            {
                result = await accounts.SetGroupStorageAsync(result.Value!.Name, profile, ct);
            }

            return await ReportAsync(parse, accounts, result, AdminAuditKinds.GroupChanged, null,
                g => $"Changed FTP group '{g.Name}' (permissions {g.Permissions}, home {g.HomeDirectory ?? "-"}{(g.RequireAppPasswords ? ", app passwords only" : string.Empty)}{(g.RequireTls ? ", TLS required" : string.Empty)}{StorageText(g.StorageProfile)}).", ct);
        }, ct));
        return command;
    }

    private Command EditAccount()
    {
        var user = new Argument<string>("username") { Description = "The user whose FTP account changes." };
        var group = new Option<string?>("--group") { Description = "Move the account to this existing FTP group." };
        var home = new Option<string?>("--home") { Description = "The account's own home directory ({username} is replaced); \"\" removes it (the group's applies)." };
        var storage = AccountStorageOption();
        var command = new Command(FtpAccountVerbNames.EditAccount, "Change a user's FTP account; options not given stay as they are. It takes effect at the next login.") { user, group, home, storage };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            // A bad profile is refused before anything is written.
            string? profile = parse.GetValue(storage);
            if (profile is not null && accounts.CheckStorageProfile(profile, FtpStorageChoice.Inherit) is { Succeeded: false } refused)
            {
                return Report(parse, refused, _ => string.Empty);
            }

            FtpAccountResult<TAccount> result = await accounts.UpdateAccountAsync(parse.GetValue(user)!, parse.GetValue(group), parse.GetValue(home), ct);
            if (result.Succeeded && profile is not null)
            {
                result = await accounts.SetAccountStorageAsync(parse.GetValue(user)!, profile, ct);
            }

            return await ReportAsync(parse, accounts, result, AdminAuditKinds.AccountChanged, parse.GetValue(user),
                a => $"Changed the FTP account of '{parse.GetValue(user)}' (group '{a.Group?.Name}', home {a.HomeDirectory ?? "-"}{StorageText(a.StorageProfile)}).", ct);
        }, ct));
        return command;
    }

    private Command DeleteGroup()
    {
        var name = new Argument<string>("name");
        var command = new Command(FtpAccountVerbNames.DeleteGroup, "Delete an FTP group that has no accounts.") { name };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
            await ReportAsync(parse, accounts, await accounts.DeleteGroupAsync(parse.GetValue(name)!, ct), AdminAuditKinds.GroupDeleted, null,
                _ => $"Deleted FTP group '{parse.GetValue(name)}'.", ct), ct));
        return command;
    }

    private Command DeleteAccount()
    {
        var user = new Argument<string>("username");
        var command = new Command(FtpAccountVerbNames.DeleteAccount, "Delete a user's FTP account (the Identity user stays).") { user };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
            await ReportAsync(parse, accounts, await accounts.DeleteAccountAsync(parse.GetValue(user)!, ct), AdminAuditKinds.AccountDeleted, parse.GetValue(user),
                _ => $"Deleted the FTP account of '{parse.GetValue(user)}'.", ct), ct));
        return command;
    }

    private Command CreateAppPassword()
    {
        var user = new Argument<string>("username");
        var name = new Argument<string>("name") { Description = "A name for the password, such as 'scanner'." };
        var command = new Command(FtpAccountVerbNames.CreateAppPassword, "Create a named FTP app password for an account and print it once.") { user, name };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
            await ReportAsync(parse, accounts, await accounts.CreateAppPasswordAsync(parse.GetValue(user)!, parse.GetValue(name)!, ct),
                AdminAuditKinds.AppPasswordCreated, parse.GetValue(user),
                p => $"App password '{parse.GetValue(name)}' for '{parse.GetValue(user)}': {p}\n(shown only this once; it cannot be recovered, only revoked)", ct,
                _ => $"app password '{parse.GetValue(name)}' created"), ct));
        return command;
    }

    private Command DeleteAppPassword()
    {
        var user = new Argument<string>("username");
        var name = new Argument<string>("name");
        var command = new Command(FtpAccountVerbNames.DeleteAppPassword, "Revoke a named FTP app password.") { user, name };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
            await ReportAsync(parse, accounts, await accounts.DeleteAppPasswordAsync(parse.GetValue(user)!, parse.GetValue(name)!, ct),
                AdminAuditKinds.AppPasswordRevoked, parse.GetValue(user), _ => $"Revoked app password '{parse.GetValue(name)}' of '{parse.GetValue(user)}'.", ct), ct));
        return command;
    }

    private Command GrantAdmin()
    {
        var user = new Argument<string>("username") { Description = "An existing Identity user." };
        var command = new Command(FtpAccountVerbNames.GrantAdmin,
            "Give a user the web admin's role (FtpServer:Admin:Role, default Administrator), creating the role when missing.") { user };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            string name = parse.GetValue(user)!;
            string role = accounts.AdministratorRole;
            FtpAccountResult<bool> result = await accounts.GrantRoleAsync(name, role, ct);
            return await ReportAsync(parse, accounts, result, result.Value ? AdminAuditKinds.RoleGranted : null, name, added => added
                ? $"Gave '{name}' the role '{role}': they may sign in to the web admin."
                : $"'{name}' already has the role '{role}'.", ct);
        }, ct));
        return command;
    }

    private Command RevokeAdmin()
    {
        var user = new Argument<string>("username") { Description = "An existing Identity user." };
        var command = new Command(FtpAccountVerbNames.RevokeAdmin, "Take the web admin's role (FtpServer:Admin:Role) from a user.") { user };
        command.SetAction((parse, ct) => RunAsync(parse, async accounts =>
        {
            string name = parse.GetValue(user)!;
            string role = accounts.AdministratorRole;
            FtpAccountResult<bool> result = await accounts.RevokeRoleAsync(name, role, ct);
            return await ReportAsync(parse, accounts, result, result.Value ? AdminAuditKinds.RoleRevoked : null, name, removed => removed
                ? $"Took the role '{role}' from '{name}': they may no longer sign in to the web admin."
                : $"'{name}' does not have the role '{role}'.", ct);
        }, ct));
        return command;
    }

    private static Option<string?> GroupStorageOption() => new("--storage")
    {
        Description = $"The storage profile (FtpServer:Storage:Profiles:<name>) holding the group's files; '{FtpStorageChoice.Default}': the local disk at each account's home.",
    };

    private static Option<string?> AccountStorageOption() => new("--storage")
    {
        Description = $"A storage profile (FtpServer:Storage:Profiles:<name>) for this account over its group's; '{FtpStorageChoice.Inherit}': the group's.",
    };

    /// <summary>", storage NAME" when a profile is set; nothing on the default storage (or an account that inherits).</summary>
    private static string StorageText(string? profile) => profile is null ? string.Empty : ", storage " + profile;

    internal static int Report<T>(ParseResult parse, FtpAccountResult<T> result, Func<T, string> success)
    {
        if (!result.Succeeded)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {result.Error}");
            return FtpCommandExitCodes.Failure;
        }

        parse.InvocationConfiguration.Output.WriteLine(success(result.Value!));
        return FtpCommandExitCodes.Success;
    }

    /// <summary>
    /// <see cref="Report"/>, and after a change one audit row through <see cref="AdminAudit"/> with the CLI as actor
    /// (<see cref="AdminAudit.CliActor"/>); <paramref name="detail"/> (default: the message) must hold no password. A null
    /// <paramref name="kind"/>: nothing changed (a role already given), no row.
    /// </summary>
    internal static async Task<int> ReportAsync<T>(ParseResult parse, FtpAccountManager<TUser, TKey, TAccount, TContext> accounts, FtpAccountResult<T> result,
        string? kind, string? subject, Func<T, string> success, CancellationToken cancellationToken, Func<T, string>? detail = null)
    {
        int exit = Report(parse, result, success);
        if (result.Succeeded && kind is not null)
        {
            await accounts.RecordChangeAsync(kind, subject, AdminAudit.CliActor, (detail ?? success)(result.Value!), cancellationToken);
        }

        return exit;
    }

    internal async Task<int> RunAsync(ParseResult parse, Func<FtpAccountManager<TUser, TKey, TAccount, TContext>, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await session(action, cancellationToken);
        }
        catch (DbException ex)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: the account database is unavailable: {ex.Message}");
            return FtpCommandExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A verb reports one line, never a stack trace.
            parse.InvocationConfiguration.Error.WriteLine($"error: the account database failed: {ex.GetBaseException().Message}");
            return FtpCommandExitCodes.Failure;
        }
    }
}
