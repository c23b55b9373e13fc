using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// The account management verbs (django-ftpserver's management commands and ours): groups, accounts,
/// Identity users, app passwords and migrations. Problems are one line on stderr and a non-zero exit.
/// </summary>
internal static class AccountVerbs
{
    public static IEnumerable<Command> Create()
    {
        yield return CreateGroup();
        yield return CreateAccount();
        yield return ListGroups();
        yield return ListAccounts();
        yield return DeleteGroup();
        yield return DeleteAccount();
        yield return CreateUser();
        yield return CreateAppPassword();
        yield return DeleteAppPassword();
        yield return Migrate();
    }

    private static Command CreateGroup()
    {
        var name = new Argument<string>("name") { Description = "Unique group name." };
        var home = new Argument<string?>("home_dir") { Description = "Home directory of the group's accounts ({username} is replaced).", Arity = ArgumentArity.ZeroOrOne };
        var permission = new Option<string>("--permission") { Description = "Permission letters from elradfmwMT.", DefaultValueFactory = _ => "elradfmw" };
        var appOnly = new Option<bool>("--require-app-passwords") { Description = "Accounts of this group log in with FTP app passwords only." };
        var command = new Command("createftpusergroup", "Create an FTP group.") { name, home, permission, appOnly };
        command.SetAction((parse, ct) => RunAsync(async accounts =>
        {
            FtpAccountResult<FtpUserGroup> result = await accounts.CreateGroupAsync(parse.GetValue(name)!, parse.GetValue(home), parse.GetValue(permission), parse.GetValue(appOnly), ct);
            return Report(result, g => $"Created FTP group '{g.Name}' (permissions {g.Permissions}{(g.HomeDirectory is null ? string.Empty : ", home " + g.HomeDirectory)}).");
        }, ct));
        return command;
    }

    private static Command CreateAccount()
    {
        var user = new Argument<string>("username") { Description = "An existing Identity user." };
        var group = new Argument<string>("group") { Description = "An existing FTP group." };
        var home = new Argument<string?>("home_dir") { Description = "Home directory ({username} is replaced); default: the group's, else <root>/{username}.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("createftpuseraccount", "Give an Identity user an FTP account in a group.") { user, group, home };
        command.SetAction((parse, ct) => RunAsync(async accounts =>
        {
            FtpAccountResult<FtpUserAccount> result = await accounts.CreateAccountAsync(parse.GetValue(user)!, parse.GetValue(group)!, parse.GetValue(home), ct);
            return Report(result, _ => $"Created the FTP account of '{parse.GetValue(user)}' in group '{parse.GetValue(group)}'.");
        }, ct));
        return command;
    }

    private static Command ListGroups()
    {
        var command = new Command("listftpusergroup", "List the FTP groups.");
        command.SetAction((parse, ct) => RunAsync(async accounts =>
        {
            List<FtpUserGroup> groups = await accounts.ListGroupsAsync(ct);
            Dictionary<int, int> members = await accounts.CountAccountsByGroupAsync(ct);
            Console.Out.WriteLine($"{"NAME",-24} {"PERMISSIONS",-11} {"ACCOUNTS",8}  HOME");
            foreach (FtpUserGroup g in groups)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Name,-24} {g.Permissions,-11} {members.GetValueOrDefault(g.Id),8}  {g.HomeDirectory ?? "-"}{(g.RequireAppPasswords ? " (app passwords only)" : string.Empty)}"));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command ListAccounts()
    {
        var command = new Command("listftpuseraccount", "List the FTP accounts.");
        command.SetAction((parse, ct) => RunAsync(async accounts =>
        {
            List<(string UserName, FtpUserAccount Account)> rows = await accounts.ListAccountsAsync(ct);
            Console.Out.WriteLine($"{"USER",-24} {"GROUP",-24} {"LAST LOGIN (UTC)",-20} {"APP PASSWORDS",13}  HOME");
            foreach ((string userName, FtpUserAccount a) in rows)
            {
                string lastLogin = a.LastLoginUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{userName,-24} {a.Group?.Name,-24} {lastLogin,-20} {a.AppPasswords.Count,13}  {a.HomeDirectory ?? "-"}"));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command DeleteGroup()
    {
        var name = new Argument<string>("name");
        var command = new Command("deleteftpusergroup", "Delete an FTP group that has no accounts.") { name };
        command.SetAction((parse, ct) => RunAsync(async accounts =>
            Report(await accounts.DeleteGroupAsync(parse.GetValue(name)!, ct), _ => $"Deleted FTP group '{parse.GetValue(name)}'."), ct));
        return command;
    }

    private static Command DeleteAccount()
    {
        var user = new Argument<string>("username");
        var command = new Command("deleteftpuseraccount", "Delete a user's FTP account (the Identity user stays).") { user };
        command.SetAction((parse, ct) => RunAsync(async accounts =>
            Report(await accounts.DeleteAccountAsync(parse.GetValue(user)!, ct), _ => $"Deleted the FTP account of '{parse.GetValue(user)}'."), ct));
        return command;
    }

    private static Command CreateUser()
    {
        var user = new Argument<string>("username");
        var email = new Option<string?>("--email") { Description = "The user's e-mail address." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password (one line) from standard input; otherwise one is generated and printed." };
        var command = new Command("createuser", "Create an ASP.NET Core Identity user.") { user, email, passwordStdin };
        command.SetAction((parse, ct) => RunAsync(async accounts =>
        {
            string? password;
            bool generated = !parse.GetValue(passwordStdin);
            if (generated)
            {
                password = FtpAccountManager<AppUser, AppDbContext>.GenerateAppPassword() + "-A7";
            }
            else
            {
                password = Console.In.ReadLine();
                if (string.IsNullOrEmpty(password))
                {
                    Console.Error.WriteLine("error: --password-stdin was given but standard input holds no password line");
                    return ExitCodes.Failure;
                }
            }

            FtpAccountResult<AppUser> result = await accounts.CreateUserAsync(parse.GetValue(user)!, parse.GetValue(email), password);
            return Report(result, u => generated
                ? $"Created user '{u.UserName}' with the password {password} (shown only this once)."
                : $"Created user '{u.UserName}'.");
        }, ct));
        return command;
    }

    private static Command CreateAppPassword()
    {
        var user = new Argument<string>("username");
        var name = new Argument<string>("name") { Description = "A name for the password, such as 'scanner'." };
        var command = new Command("createapppassword", "Create a named FTP app password for an account and print it once.") { user, name };
        command.SetAction((parse, ct) => RunAsync(async accounts =>
            Report(await accounts.CreateAppPasswordAsync(parse.GetValue(user)!, parse.GetValue(name)!, ct),
                p => $"App password '{parse.GetValue(name)}' for '{parse.GetValue(user)}': {p}\n(shown only this once; it cannot be recovered, only revoked)"), ct));
        return command;
    }

    private static Command DeleteAppPassword()
    {
        var user = new Argument<string>("username");
        var name = new Argument<string>("name");
        var command = new Command("deleteapppassword", "Revoke a named FTP app password.") { user, name };
        command.SetAction((parse, ct) => RunAsync(async accounts =>
            Report(await accounts.DeleteAppPasswordAsync(parse.GetValue(user)!, parse.GetValue(name)!, ct),
                _ => $"Revoked app password '{parse.GetValue(name)}' of '{parse.GetValue(user)}'."), ct));
        return command;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "Create or update the account database schema.");
        command.SetAction((parse, ct) => RunAsync(_ =>
        {
            Console.Out.WriteLine("The account database is up to date.");
            return Task.FromResult(ExitCodes.Success);
        }, ct, alwaysMigrate: true));
        return command;
    }

    private static int Report<T>(FtpAccountResult<T> result, Func<T, string> success)
    {
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"error: {result.Error}");
            return ExitCodes.Failure;
        }

        Console.Out.WriteLine(success(result.Value!));
        return ExitCodes.Success;
    }

    private static async Task<int> RunAsync(Func<FtpAccountManager<AppUser, AppDbContext>, Task<int>> action, CancellationToken cancellationToken, bool alwaysMigrate = false)
    {
        HostApplicationBuilder builder = HostBuilderFactory.Create();
        try
        {
            builder.Services.AddIdentityStore(builder.Configuration);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }

        using IHost host = builder.Build();
        try
        {
            DatabaseOptions database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (alwaysMigrate || (database.MigrateOnStart ?? database.Provider == DatabaseProvider.Sqlite))
            {
                await AccountStoreSetup.MigrateAsync(host.Services, cancellationToken);
            }

            await using AsyncServiceScope scope = host.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<FtpAccountManager<AppUser, AppDbContext>>());
        }
        catch (DbException ex)
        {
            Console.Error.WriteLine($"error: the account database is unavailable: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A verb reports one line, never a stack trace.
            Console.Error.WriteLine($"error: the account database failed: {ex.GetBaseException().Message}");
            return ExitCodes.Failure;
        }
    }
}
