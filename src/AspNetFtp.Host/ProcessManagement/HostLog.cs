using Microsoft.Extensions.Logging;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>The host's own log lines (the engine's are in <c>FtpLog</c>), source generated, with stable event ids from 1000.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1000, LogLevel.Information,
        "SIGHUP: {Configuration}; {Tls}. Users, account settings and log levels now follow the settings; listen endpoints, passive ports, limits, banner and database need a restart")]
    public static partial void ReloadedOnHangup(ILogger logger, string configuration, string tls);

    [LoggerMessage(1001, LogLevel.Warning, "SIGHUP: the re-read settings are invalid: {Problems}. Logins fail until they are fixed and SIGHUP is sent again")]
    public static partial void ReloadedSettingsInvalid(ILogger logger, string problems);
}
