using AspNetFtp.Host.Cli;

return await FtpCommandLine.Build().Parse(args).InvokeAsync();
