using System.CommandLine;
using AspNetFtp.Host.Data;
using AspNetFtp.Host.ProcessManagement;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// <c>ftpserver [host:port]</c>: serves FTP until stopped. Settings come from appsettings.json, then
/// environment variables (<c>FtpServer__X</c>), then the flags (<see cref="FtpServerFlags"/>), each overriding
/// the one before. The verb composes the process management: detach (<c>--daemonize</c>), check the
/// <c>--file-access-user</c>, hold the pid file, then serve (<see cref="FtpServerHost"/>).
/// </summary>
internal static class FtpServerVerb
{
    public static Command Create()
    {
        var flags = new FtpServerFlags();
        var command = new Command("ftpserver", "Run the FTP/FTPS server.");
        flags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!flags.TryMap(parse, out Dictionary<string, string?> overrides, out string? error))
            {
                Console.Error.WriteLine($"error: {error}");
                return ExitCodes.BadSetting;
            }

            return await RunAsync(overrides, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        Microsoft.Extensions.Hosting.HostApplicationBuilder builder = HostBuilderFactory.Create(overrides);
        ProcessSettings process = ProcessSettings.From(builder.Configuration);
        if (process.Daemonize && !Daemonizer.IsDaemonChild)
        {
            return await Daemonizer.StartDetachedAsync(process.LogFile ?? Path.Combine(AccountStoreSetup.DataDirectory(builder.Configuration), "aspnetftp.log"), cancellationToken);
        }

        UnixAccount? runAs;
        try
        {
            runAs = process.FileAccessUser is { Length: > 0 } user ? PrivilegeDrop.Check(user) : null;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }

        PidFile? pid;
        try
        {
            pid = process.PidFile is { Length: > 0 } path ? PidFile.Acquire(path) : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        using (pid)
        {
            return await FtpServerHost.ServeAsync(builder, runAs, cancellationToken);
        }
    }
}
