using System.Data.Common;
using System.Net.Sockets;
using AspNetFtp.Host.Startup;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// What stopped <c>ftpserver</c> from starting, as the lines it prints (each <c>error: ...</c>) and its exit
/// code: <see cref="ExitCodes.BadSetting"/> for a setting, <see cref="ExitCodes.Failure"/> for the rest.
/// </summary>
internal static class StartFailure
{
    /// <summary>Whether <paramref name="exception"/> is a known way for a start to fail (others propagate).</summary>
    public static bool IsKnown(Exception exception) => Classify(exception) is not null;

    /// <summary>Prints a known failure's lines to standard error and returns its exit code.</summary>
    public static int Report(Exception exception)
    {
        (int exitCode, string[] problems) = Classify(exception) ?? throw new ArgumentException("not a known start failure", nameof(exception));
        foreach (string problem in problems)
        {
            Console.Error.WriteLine($"error: {problem}");
        }

        return exitCode;
    }

    private static (int ExitCode, string[] Problems)? Classify(Exception exception) => exception switch
    {
        AccountDatabaseException ex => (ExitCodes.Failure, [$"the account database failed: {ex.Message}"]),
        // A value that does not convert ("maybe" for a boolean): the binder's message names the setting and the value.
        InvalidOperationException ex when ex.TargetSite?.DeclaringType == typeof(ConfigurationBinder) => (ExitCodes.BadSetting, [ex.Message]),
        InvalidOperationException or IOException => (ExitCodes.Failure, [exception.Message]),
        OptionsValidationException ex => (ExitCodes.BadSetting, [.. ex.Failures]),
        FtpConfigurationException ex => (ExitCodes.BadSetting, [ex.Message]),
        // A busy or foreign address (the message names it), or a failed start-up check such as missing account tables.
        FtpStartupException ex => (ExitCodes.Failure, [ex.Message]),
        SocketException ex => (ExitCodes.Failure, [$"cannot listen on the configured address and port: {ex.Message}"]),
        DbException ex => (ExitCodes.Failure, [$"the account database is unavailable: {ex.Message}"]),
        _ => null,
    };
}
