using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// <c>if (await app.RunFtpCommandAsync(args)) return;</c> in an app's <c>Program.cs</c>: the FTP account verbs
/// (<c>dotnet run -- createftpusergroup partners --permission elr</c>) against the app's own DbContext and configuration.
/// </summary>
public static class FtpAccountCommandHostExtensions
{
    /// <summary>
    /// When <paramref name="args"/>[0] is an FTP account verb (<c>createftpusergroup</c>, <c>createftpuseraccount</c>,
    /// <c>listftpusergroup</c>, <c>listftpuseraccount</c>, <c>editftpusergroup</c>, <c>editftpuseraccount</c>, <c>deleteftpusergroup</c>, <c>deleteftpuseraccount</c>,
    /// <c>createapppassword</c>, <c>deleteapppassword</c>, <c>grantftpadmin</c>, <c>revokeftpadmin</c>), runs it in a DI scope of <paramref name="app"/>, writes its
    /// output to standard output and a problem as one line on standard error, sets <see cref="Environment.ExitCode"/>
    /// (0 on success) and returns <see langword="true"/>: the caller then returns without running the app. Otherwise
    /// does nothing and returns <see langword="false"/>. Nothing is started (no hosted service, no FTP listener), so
    /// call it after <c>builder.Build()</c> and before <c>app.Run()</c>. The app must have called
    /// <c>AddFtpServer(configuration).AddIdentityAccounts&lt;TUser, TContext&gt;(configuration)</c>.
    /// </summary>
    /// <param name="app">The built app (a <c>WebApplication</c> or any <see cref="IHost"/>), not yet started.</param>
    /// <param name="args">The program's command-line arguments.</param>
    /// <param name="cancellationToken">Cancels the running verb.</param>
    /// <returns>Whether <paramref name="args"/> named an FTP account verb (which then ran).</returns>
    public static async Task<bool> RunFtpCommandAsync(this IHost app, string[] args, CancellationToken cancellationToken = default)
    {
        int? exitCode = await RunFtpCommandAsync(app, args, Console.Out, Console.Error, cancellationToken);
        if (exitCode is null)
        {
            return false;
        }

        Environment.ExitCode = exitCode.Value;
        return true;
    }

    /// <summary>The same with the output writers given; returns the exit code, or null when args name no FTP account verb.</summary>
    internal static async Task<int?> RunFtpCommandAsync(IHost app, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !FtpAccountVerbNames.All.Contains(args[0]))
        {
            return null;
        }

        IFtpAccountCommands? commands = app.Services.GetService<IFtpAccountCommands>();
        if (commands is null)
        {
            await error.WriteLineAsync(
                $"error: AddIdentityAccounts was not called: '{args[0]}' needs services.AddFtpServer(configuration).AddIdentityAccounts<TUser, TContext>(configuration)");
            return FtpCommandExitCodes.Failure;
        }

        return await commands.RunAsync(app.Services, args, output, error, cancellationToken);
    }
}
