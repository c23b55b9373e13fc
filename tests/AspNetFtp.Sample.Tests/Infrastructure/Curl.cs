namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>curl against the sample's FTP port: never waits forever, loopback only.</summary>
internal static class Curl
{
    public static Task<CommandResult> FtpAsync(int port, string user, string password, string path, params string[] arguments) =>
        ChildProcess.RunAsync(
            "curl",
            ["--silent", "--show-error", "--max-time", "30", "--connect-timeout", "10", "--user", user + ":" + password, .. arguments, $"ftp://127.0.0.1:{port}/{path}"],
            TimeSpan.FromSeconds(45));
}
