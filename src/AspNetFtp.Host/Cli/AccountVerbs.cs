using System.CommandLine;
using System.Data.Common;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Commands;
using AspNetFtp.Identity.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// The account management verbs: the library's FTP account verbs (<see cref="FtpAccountVerbs{TUser, TKey, TAccount, TContext}"/>:
/// groups, accounts, app passwords) against this host's database, and its own <c>createuser</c> and <c>migrate</c>.
/// Problems are one line on stderr and a non-zero exit.
/// </summary>
internal static class AccountVerbs
{
    public static IEnumerable<Command> Create()
    {
        // The FTP account verbs are the library's (an embedding app runs the same ones); this host runs them
        // against its own database, migrated on demand like every verb here.
        var verbs = new FtpAccountVerbs<AppUser, string, FtpUserAccount, AppDbContext>((action, ct) => RunAsync(action, ct));
        foreach (Command verb in verbs.Create())
        {
            yield return verb;
        }

        yield return CreateUser();
        yield return Migrate();
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
            int exit = Report(result, u => generated
                ? $"Created user '{u.UserName}' with the password {password} (shown only this once)."
                : $"Created user '{u.UserName}'.");
            if (result.Succeeded)
            {
                string? address = parse.GetValue(email);
                await accounts.RecordChangeAsync(AdminAuditKinds.UserCreated, result.Value!.UserName, AdminAudit.CliActor,
                    address is null ? "created" : $"created with e-mail {address}", ct);
            }

            return exit;
        }, ct));
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

    private static async Task<int> RunAsync(Func<FtpAccountManager<AppUser, string, FtpUserAccount, AppDbContext>, Task<int>> action, CancellationToken cancellationToken, bool alwaysMigrate = false)
    {
        HostApplicationBuilder builder = HostBuilderFactory.Create();
        try
        {
            // The server's own registration (never started here): the verbs check --storage against the same
            // storage profiles, made by the same storage kinds, as the server that will serve them.
            builder.Services.AddFtpServerWithAccounts(builder.Configuration, AccountStoreKind.Identity);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }

        // Disposed asynchronously: the storage profiles (resolved by --storage) can only be disposed so.
        await using HostDisposal owned = new(builder.Build());
        IHost host = owned.Host;
        try
        {
            DatabaseOptions database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (alwaysMigrate)
            {
                await AccountStoreSetup.MigrateAsync(host.Services, cancellationToken);
            }
            else if (database.MigrateOnStart ?? database.Provider == DatabaseProvider.Sqlite)
            {
                await AccountStoreSetup.MigrateIfPendingAsync(host.Services, cancellationToken);
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

    /// <summary>Disposes a host the asynchronous way when it has one (the Generic Host does).</summary>
    private sealed class HostDisposal(IHost host) : IAsyncDisposable
    {
        public IHost Host => host;

        public ValueTask DisposeAsync()
        {
            if (host is IAsyncDisposable asynchronous)
            {
                return asynchronous.DisposeAsync();
            }

            host.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
