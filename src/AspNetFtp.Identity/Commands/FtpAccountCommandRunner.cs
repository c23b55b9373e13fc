using System.CommandLine;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// Runs the account verbs against the app's own services: each verb resolves <typeparamref name="TManager"/>
/// (the app's DbContext and Identity stores behind it) in a new DI scope. Nothing is started: no hosted
/// service, no FTP listener, no migration (the app owns its schema).
/// </summary>
internal sealed class FtpAccountCommandRunner<TUser, TKey, TAccount, TContext, TManager> : IFtpAccountCommands
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
    where TManager : FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    public Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var verbs = new FtpAccountVerbs<TUser, TKey, TAccount, TContext>(async (action, ct) =>
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<TManager>());
        });
        var root = new RootCommand("FTP account commands.");
        foreach (Command verb in verbs.Create())
        {
            root.Subcommands.Add(verb);
        }

        // Signals stay the app's: the caller's token cancels a verb.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
