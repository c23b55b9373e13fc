using System.CommandLine;
using AspNetFtp.Host.Cli;
using AspNetFtp.Host.ProcessManagement;

// What start-up creates (data directory, database, pid file, log) is owner only; the server restores the
// inherited umask before serving FTP users (see FileCreationMask).
FileCreationMask.RestrictToOwner();
if (Daemonizer.IsDaemonChild)
{
    Daemonizer.CloseInheritedLog();
}

// SIGINT/SIGTERM are left to the Generic Host, which stops the server gracefully.
return await FtpCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
