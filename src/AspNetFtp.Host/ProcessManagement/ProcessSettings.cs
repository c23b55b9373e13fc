using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>django-ftpserver's FTPSERVER_DAEMONIZE, _PIDFILE and _FILE_ACCESS_USER, from the <c>FtpServer</c> section or the flags.</summary>
internal sealed record ProcessSettings(bool Daemonize, string? PidFile, string? LogFile, string? FileAccessUser)
{
    public static ProcessSettings From(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(FtpServerOptions.SectionName);
        return new ProcessSettings(
            section.GetValue<bool>("Daemonize"),
            section["PidFile"],
            section["LogFile"],
            section["FileAccessUser"]);
    }
}
