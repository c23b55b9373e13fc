namespace AspNetFtp.Identity.Commands;

/// <summary>
/// The account verbs bound to the account types an app registered with <c>AddIdentityAccounts</c>; the
/// non-generic handle <see cref="FtpAccountCommandHostExtensions.RunFtpCommandAsync(Microsoft.Extensions.Hosting.IHost, string[], CancellationToken)"/> resolves.
/// </summary>
internal interface IFtpAccountCommands
{
    /// <summary>Parses <paramref name="args"/> (an account verb first) and runs it in a new DI scope of <paramref name="services"/>; returns the exit code.</summary>
    Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
