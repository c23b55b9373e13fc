using System.CommandLine;
using AspNetFtp.Host.Cli;

// SIGINT/SIGTERM are left to the Generic Host, which stops the server gracefully.
return await FtpCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
